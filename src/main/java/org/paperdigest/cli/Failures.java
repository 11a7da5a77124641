package org.paperdigest.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import org.paperdigest.db.DatabaseUnavailableException;

/**
 * Turns the failures an operator meets on a real machine — the disk full, the database gone, a
 * permission denied — into one sentence saying what happened and where, instead of a stack trace.
 * The cases are a table: each row names the signs it looks for anywhere in the chain of causes.
 */
final class Failures {
    /** One kind of failure: how to recognise it and how to say it. */
    private enum Kind {
        DISK_FULL("the disk is full", "free some space and run the command again; nothing was lost (a send resumes where it stopped)",
                new String[] {"53100"}, "no space left on device", "sqlite_full", "database or disk is full", "disk full",
                "not enough space"),
        PERMISSION_DENIED("permission denied", "check the owner and mode of the file and of its directory (the service's user must"
                + " be able to write both)", new String[] {"42501"}, "permission denied", "sqlite_readonly", "readonly database",
                "read-only file system", "sqlite_perm", "access denied"),
        DATABASE_GONE("the database cannot be reached", "check that it is running and reachable, then run the command again;"
                + " a send resumes where it stopped", new String[] {"08", "57P"}, "sqlite_cantopen", "unable to open database file",
                "sqlite_ioerr", "disk i/o error", "connection is not available", "connection refused", "terminating connection",
                "database system is shutting down", "the database system is starting up", "sqlite_notadb");

        private final String what;
        private final String advice;
        private final String[] sqlStates;
        private final String[] signs;

        Kind(String what, String advice, String[] sqlStates, String... signs) {
            this.what = what;
            this.advice = advice;
            this.sqlStates = sqlStates;
            this.signs = signs;
        }

        boolean matches(Throwable t) {
            if (this == PERMISSION_DENIED && t instanceof AccessDeniedException) {
                return true;
            }
            if (this == DATABASE_GONE && t instanceof DatabaseUnavailableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                for (String state : sqlStates) {
                    if (sql.getSQLState().startsWith(state)) {
                        return true;
                    }
                }
            }
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            for (String sign : signs) {
                if (m.contains(sign)) {
                    return true;
                }
            }
            return false;
        }
    }

    private Failures() {}

    /**
     * Says in one line what went wrong and where, when {@code failure} is one of the known kinds:
     * "the disk is full: cannot write subscribers/digest.db (…); free some space …".
     *
     * @param database where the database is (DIGEST_DB_URL, masked), for failures that do not name a file
     */
    static Optional<String> explain(Throwable failure, String database) {
        for (Kind kind : Kind.values()) {
            for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (kind.matches(t)) {
                    return Optional.of(kind.what + " at " + where(failure, database) + " (" + detail(t) + "); " + kind.advice);
                }
            }
        }
        return Optional.empty();
    }

    /** The file a failure names, or else the database. */
    private static String where(Throwable failure, String database) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof FileSystemException fs && fs.getFile() != null) {
                return fs.getFile();
            }
        }
        return database;
    }

    private static String detail(Throwable t) {
        if (t instanceof FileSystemException fs) {
            return fs.getReason() != null ? fs.getReason() : fs.getClass().getSimpleName();
        }
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName();
        }
        // The driver's first line says it; the rest (SQL text, hints) is for LOG_LEVEL=debug.
        String line = m.strip().lines().findFirst().orElse(m);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
