package org.paperdigest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Credentials in any URL or parameter form are masked wherever text is printed. */
class SecretsTest {

    @Test
    void credentials_in_every_form_are_masked() {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("postgresql://user:secret@db.example.org/digest", "postgresql://user:***@db.example.org/digest"),
                Map.entry("jdbc:postgresql://user:s3cr%40t@db:5432/digest", "jdbc:postgresql://user:***@db:5432/digest"),
                Map.entry("jdbc:postgresql://db/digest?user=app&password=secret&ssl=true",
                        "jdbc:postgresql://db/digest?user=app&password=***&ssl=true"),
                Map.entry("jdbc:postgresql://db/digest?passwd=secret", "jdbc:postgresql://db/digest?passwd=***"),
                Map.entry("jdbc:postgresql://db/digest?sslpassword=secret;pwd=other", "jdbc:postgresql://db/digest?sslpassword=***;pwd=***"),
                Map.entry("smtps://mailer:pa$$word@smtp.example.org:465", "smtps://mailer:***@smtp.example.org:465"),
                Map.entry("SMTP_PASSWORD=hunter2 in .env line 4", "SMTP_PASSWORD=*** in .env line 4"),
                Map.entry("DIGEST_SECRET='abc def'", "DIGEST_SECRET=***"),
                Map.entry("https://api.example.org/feed?token=abc123&page=2", "https://api.example.org/feed?token=***&page=2"),
                Map.entry("password: \"quoted secret\"", "password: ***"),
                Map.entry("failed for user@example.org at smtp.example.org:587", "failed for user@example.org at smtp.example.org:587"),
                Map.entry("mailto:unsubscribe@example.org?subject=stop", "mailto:unsubscribe@example.org?subject=stop"),
                Map.entry("https://digest.example.org/u/abc", "https://digest.example.org/u/abc"));

        cases.forEach((text, masked) -> assertThat(Secrets.mask(text)).as(text).isEqualTo(masked));
    }

    @Test
    void a_mistaken_database_url_is_refused_without_printing_its_password() {
        assertThatThrownBy(() -> Config.from(Env.of(Map.of("DIGEST_DB_URL", "postgresql://user:secret@host/db"))))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("postgresql://user:***@host/db")
                .message().doesNotContain("secret");
    }

    @Test
    void a_bad_value_of_a_secret_variable_is_never_printed_back() {
        Settings settings = new Settings(Env.of(Map.of("SMTP_PASSWORD", "hunter2")));

        assertThat(settings.bad("SMTP_PASSWORD", "hunter2", "something else").getMessage())
                .isEqualTo("SMTP_PASSWORD must be something else, got (hidden) (set in environment)");
        assertThat(new DatabaseConfig("jdbc:postgresql://u:pw@h/d?password=p", null, null).toString())
                .isEqualTo("DatabaseConfig[jdbc:postgresql://u:***@h/d?password=***]");
    }

    @Test
    void every_log_line_and_stack_trace_is_masked_by_the_configured_layout() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger logger = context.getLogger("org.paperdigest.test");
        @SuppressWarnings("unchecked")
        OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent> stderr =
                (OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
        RuntimeException failure = new RuntimeException("cannot open postgresql://app:topsecret@db/digest",
                new IllegalStateException("retry with ?password=hunter2"));
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.ERROR,
                "Opening {} failed", failure, new Object[] {"jdbc:postgresql://db/digest?user=app&password=hunter2"});

        String line = new String(stderr.getEncoder().encode(event), StandardCharsets.UTF_8);

        assertThat(line).contains("Opening jdbc:postgresql://db/digest?user=app&password=*** failed",
                "cause: IllegalStateException: retry with ?password=***").doesNotContain("hunter2", "topsecret");
    }
}
