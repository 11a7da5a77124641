package org.paperdigest.db;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Locale;

/**
 * Tells a database that cannot be reached for now (a SQLite file locked by another writer, a
 * PostgreSQL server that is down or restarting, a lost connection) from a failure that waiting
 * will not fix (a constraint, a bad statement, a full disk).
 */
public final class Outages {
    private Outages() {}

    /** True when {@code e} or one of its causes says the database is unreachable for now. */
    public static boolean isOutage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseUnavailableException) {
                return true;
            }
            if (t instanceof SQLException sql && isOutage(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOutage(SQLException e) {
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException
                || e instanceof SQLNonTransientConnectionException) {
            return true;
        }
        String state = e.getSQLState();
        // 08: connection exceptions; 57P0x: the server is shutting down or restarting; 53: out of resources.
        if (state != null && (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53"))) {
            return true;
        }
        String message = e.getMessage() == null ? "" : e.getMessage().toUpperCase(Locale.ROOT);
        // SQLite: another connection holds the write lock (SQLITE_BUSY, SQLITE_LOCKED and their extended codes).
        return message.contains("SQLITE_BUSY") || message.contains("SQLITE_LOCKED") || message.contains("DATABASE IS LOCKED");
    }
}
