package org.paperdigest.cli;

import java.nio.file.AccessDeniedException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import org.paperdigest.db.DataAccessException;
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
            if (this == DATABASE_GONE && !(t instanceof SQLException) && !(t instanceof DataAccessException)) {
                return false; // "connection refused" from the SMTP server is not the database's
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

    /** Less room than this on the database's disk counts as full (SQLite needs room for its journal). */
    private static final long MIN_FREE_BYTES = 1 << 20;

    private Failures() {}

    /**
     * Says in one line what went wrong and where, when {@code failure} is one of the known kinds:
     * "the disk is full: cannot write subscribers/digest.db (…); free some space …".
     *
     * @param database where the database is (DIGEST_DB_URL, masked), for failures that do not name a file
     */
    static Optional<String> explain(Throwable failure, String database) {
        for (Kind kind : Kind.values()) {
            Throwable innermost = null;
            for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (kind.matches(t)) {
                    innermost = t;
                }
            }
            if (innermost != null) {
                return Optional.of(kind.what + " at " + where(failure, database) + " (" + detail(innermost) + "); " + kind.advice);
            }
        }
        // SQLite rolls a transaction back on its own when the disk fills, and the driver may then
        // report only "cannot commit": look at the disk the database file is on.
        if (causes(failure).anyMatch(t -> t instanceof SQLException) && noSpaceFor(database)) {
            return Optional.of(Kind.DISK_FULL.what + " at " + database + " (" + detail(causes(failure)
                    .filter(t -> t instanceof SQLException).reduce((a, b) -> b).orElseThrow()) + "); " + Kind.DISK_FULL.advice);
        }
        return Optional.empty();
    }

    private static java.util.stream.Stream<Throwable> causes(Throwable failure) {
        return java.util.stream.Stream.iterate(failure, t -> t != null, t -> t.getCause() == t ? null : t.getCause());
    }

    /** Says whether the disk holding a local database file has (almost) no room left. */
    private static boolean noSpaceFor(String database) {
        try {
            Path file = Path.of(database.replaceFirst("\\?.*$", "")).toAbsolutePath();
            Path dir = Files.exists(file) ? file : file.getParent();
            return dir != null && Files.getFileStore(dir).getUsableSpace() < MIN_FREE_BYTES;
        } catch (IOException | RuntimeException e) {
            return false; // not a local file (a PostgreSQL URL) or not there: say nothing about space
        }
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
