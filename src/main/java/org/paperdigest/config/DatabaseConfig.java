package org.paperdigest.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where subscribers, issues and deliveries live, and how long a sender waits for an unreachable
 * database ({@code outageGrace}) before it stops.
 */
public record DatabaseConfig(String url, String username, String password, Duration outageGrace) {

    /** The default wait for an unreachable database: 15 minutes. */
    public static final Duration DEFAULT_OUTAGE_GRACE = Duration.ofMinutes(15);

    public DatabaseConfig(String url, String username, String password) {
        this(url, username, password, DEFAULT_OUTAGE_GRACE);
    }

    /** The database products paper-digest runs on. */
    public enum Dialect { SQLITE, POSTGRESQL }

    public DatabaseConfig {
        if (url == null || dialectOf(url) == null) {
            throw new IllegalArgumentException("not a jdbc:sqlite: or jdbc:postgresql: URL: " + Secrets.mask(url));
        }
        if (outageGrace == null) {
            outageGrace = DEFAULT_OUTAGE_GRACE;
        }
    }

    public Dialect dialect() {
        return dialectOf(url);
    }

    private static Dialect dialectOf(String url) {
        if (url.startsWith("jdbc:sqlite:")) {
            return Dialect.SQLITE;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return Dialect.POSTGRESQL;
        }
        return null;
    }

    @Override
    public String toString() {
        return "DatabaseConfig[" + Secrets.mask(url) + "]";
    }

    /**
     * The file of a SQLite database given by {@code url} ({@code jdbc:sqlite:PATH[?options]}), or
     * empty for another database, an in-memory one or a {@code file:} URI.
     */
    public static Optional<Path> sqliteFile(String url) {
        if (!url.startsWith("jdbc:sqlite:")) {
            return Optional.empty();
        }
        String path = url.substring("jdbc:sqlite:".length());
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        if (path.isEmpty() || path.contains(":memory:") || path.startsWith("file:")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(path).toAbsolutePath());
    }
}
