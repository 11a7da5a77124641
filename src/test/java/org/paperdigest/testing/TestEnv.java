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
        e.values.put("DIGEST_SECRET", "test-secret-0123456789");
        e.values.put("DIGEST_BASE_URL", "https://digest.example.org");
        e.values.put("DIGEST_FROM", "Paper Digest <digest@example.org>");
        e.values.put("DIGEST_TEMPLATES", Path.of("templates").toAbsolutePath().toString());
        e.values.put("SMTP_HOST", "127.0.0.1");
        e.values.put("SMTP_POOL_SIZE", "2");
        e.values.put("SMTP_RETRY_DELAY", "200ms");
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
