package org.paperdigest.config;

/** Where subscribers, issues and deliveries live. */
public record DatabaseConfig(String url, String username, String password) {

    /** The database products paper-digest runs on. */
    public enum Dialect { SQLITE, POSTGRESQL }

    public DatabaseConfig {
        if (url == null || dialectOf(url) == null) {
            throw new IllegalArgumentException("not a jdbc:sqlite: or jdbc:postgresql: URL: " + Secrets.mask(url));
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
}
