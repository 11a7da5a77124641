package org.paperdigest.testing;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.paperdigest.config.Config;
import org.paperdigest.config.Env;

/**
 * Builds configuration for tests: a fresh SQLite file in a temp directory, SMTP pointing at a
 * GreenMail port, a secret and a base URL. Named setters read better than a map literal.
 */
public final class TestEnv {
    private final Map<String, String> values = new HashMap<>();

    private TestEnv() {}

    /** A configuration with its own SQLite database under {@code dir}. */
    public static TestEnv sqliteIn(Path dir) {
        TestEnv e = new TestEnv();
        e.values.put("DIGEST_DB_URL", "jdbc:sqlite:" + dir.resolve("digest.db"));
        e.values.put("DIGEST_SECRET", "test-secret-0123456789-abcdefghijklmnop");
        e.values.put("DIGEST_BASE_URL", "https://digest.example.org");
        e.values.put("DIGEST_FROM", "Paper Digest <digest@example.org>");
        e.values.put("DIGEST_TEMPLATES", Path.of("templates").toAbsolutePath().toString());
        e.values.put("SMTP_HOST", "127.0.0.1");
        e.values.put("SMTP_POOL_SIZE", "2");
        e.values.put("SMTP_RETRY_DELAY", "200ms");
        e.values.put("HTTP_PORT", "0");
        return e;
    }

    /** The PostgreSQL server for tests (DIGEST_TEST_POSTGRES_URL), or null when the PostgreSQL tests are off. */
    public static String postgresUrl() {
        String url = System.getenv("DIGEST_TEST_POSTGRES_URL");
        return url == null || url.isBlank() ? null : url;
    }

    /**
     * A configuration on a fresh schema of the test PostgreSQL server, so tests never see each
     * other's rows. Fails (does not skip) when the server cannot be reached.
     */
    public static TestEnv postgresIn(Path dir) {
        String base = postgresUrl();
        if (base == null) {
            throw new IllegalStateException("DIGEST_TEST_POSTGRES_URL is not set");
        }
        String schema = "t_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(base);
             java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot reach the test PostgreSQL server at " + base + ": " + e.getMessage(), e);
        }
        TestEnv e = sqliteIn(dir);
        e.values.put("DIGEST_DB_URL", base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        return e;
    }

    public TestEnv smtpPort(int port) {
        return set("SMTP_PORT", String.valueOf(port));
    }

    public TestEnv set(String name, String value) {
        values.put(name, value);
        return this;
    }

    public TestEnv unset(String name) {
        values.remove(name);
        return this;
    }

    public Map<String, String> values() {
        return Map.copyOf(values);
    }

    public Env env() {
        return Env.of(values);
    }

    public Config config() {
        return Config.from(env());
    }
}
