package org.paperdigest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
    private static final Path ENV_EXAMPLE = Path.of(".env.example");

    @TempDir
    Path dir;

    @Test
    void env_example_states_the_true_defaults() {
        Config fromExample = Config.from(Env.load(ENV_EXAMPLE, Map.of(), Map.of()));

        assertThat(fromExample).isEqualTo(Config.from(Env.of(Map.of())));
    }

    @Test
    void env_example_lists_every_variable_the_configuration_reads() throws IOException {
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(Path.of("src/main/java/org/paperdigest/config"))) {
            for (Path file : files.toList()) {
                all.append(Files.readString(file));
            }
        }
        String source = all.toString();
        String example = Files.readString(ENV_EXAMPLE);
        Matcher names = Pattern.compile("\"([A-Z][A-Z0-9]*_[A-Z0-9_]+)\"").matcher(source);
        int found = 0;
        while (names.find()) {
            found++;
            assertThat(example).as(names.group(1)).containsPattern("(?m)^" + names.group(1) + "=");
        }
        assertThat(found).isGreaterThan(20);
        assertThat(example).contains("LOG_LEVEL");
    }

    @Test
    void the_environment_wins_over_dotenv_and_flags_win_over_both() throws IOException {
        Path dotEnv = Files.write(dir.resolve(".env"), List.of("SMTP_HOST=from-dotenv", "SMTP_POOL_SIZE=3", "HTTP_PORT=81"));

        Env env = Env.load(dotEnv, Map.of("SMTP_POOL_SIZE", "5", "HTTP_PORT", "82"), Map.of("HTTP_PORT", "83"));
        Config config = Config.from(env);

        assertThat(config.smtp().host()).isEqualTo("from-dotenv");
        assertThat(config.smtp().poolSize()).isEqualTo(5);
        assertThat(config.http().port()).isEqualTo(83);
    }

    @Test
    void a_bad_value_in_dotenv_names_the_variable_and_the_line() throws IOException {
        Path dotEnv = Files.write(dir.resolve(".env"), List.of("# settings", "SMTP_HOST=mail.example.org", "SMTP_SECURITY=ssl"));

        assertThatThrownBy(() -> Config.from(Env.load(dotEnv, Map.of(), Map.of())))
                .isInstanceOf(BadInputException.class)
                .hasMessage("SMTP_SECURITY must be one of none, starttls, tls, got 'ssl' (set in .env line 3)");
    }

    @Test
    void any_zone_java_time_accepts_is_kept_as_written() {
        for (String zone : List.of("UTC+05:30", "GMT+1", "-03:00", "Europe/London", "America/Sao_Paulo", "Z")) {
            Config config = Config.from(Env.of(Map.of("DIGEST_TIMEZONE", zone)));

            assertThat(config.digest().timezone()).as(zone).isEqualTo(java.time.ZoneId.of(zone));
        }
    }

    @Test
    void a_zone_java_time_does_not_accept_is_refused_naming_the_variable() {
        for (String zone : List.of("EST", "Mars/Olympus", "UTC+25", "GMT+1:3")) {
            assertThatThrownBy(() -> Config.from(Env.of(Map.of("DIGEST_TIMEZONE", zone))))
                    .as(zone).isInstanceOf(BadInputException.class).hasMessageStartingWith("DIGEST_TIMEZONE must be");
        }
    }

    @Test
    void the_smtp_port_follows_the_security_unless_set() {
        assertThat(Config.from(Env.of(Map.of("SMTP_SECURITY", "starttls"))).smtp().port()).isEqualTo(587);
        assertThat(Config.from(Env.of(Map.of("SMTP_SECURITY", "tls"))).smtp().port()).isEqualTo(465);
        assertThat(Config.from(Env.of(Map.of("SMTP_SECURITY", "tls", "SMTP_PORT", "2465"))).smtp().port()).isEqualTo(2465);
    }

    @Test
    void durations_read_in_short_form() {
        Config config = Config.from(Env.of(Map.of("SMTP_TIMEOUT", "90s", "SMTP_RETRY_DELAY", "500ms", "SMTP_CONNECT_TIMEOUT", "PT2M",
                "DIGEST_CLAIM_LEASE", "1h")));

        assertThat(config.smtp().readTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.smtp().retryDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.smtp().connectTimeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void secrets_never_appear_in_descriptions() {
        Config config = Config.from(Env.of(Map.of("SMTP_USERNAME", "me", "SMTP_PASSWORD", "hunter2", "DIGEST_SECRET", "s3cret",
                "DIGEST_DB_URL", "jdbc:postgresql://db/digest?user=x&password=pw1")));

        assertThat(config.toString()).doesNotContain("hunter2", "s3cret", "pw1");
    }

    @Test
    void a_claim_lease_shorter_than_the_slowest_message_is_refused() {
        assertThatThrownBy(() -> Config.from(Env.of(Map.of("DIGEST_CLAIM_LEASE", "2m"))))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("DIGEST_CLAIM_LEASE must be at least 4 × (SMTP_CONNECT_TIMEOUT + SMTP_TIMEOUT) = 280s");
    }

    @Test
    void timeouts_of_zero_or_beyond_an_hour_are_refused() {
        assertThatThrownBy(() -> Config.from(Env.of(Map.of("SMTP_TIMEOUT", "0s"))))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("SMTP_TIMEOUT must be a duration from 100ms to 1h");
        assertThatThrownBy(() -> Config.from(Env.of(Map.of("SMTP_TIMEOUT", "30d"))))
                .isInstanceOf(BadInputException.class).hasMessageContaining("SMTP_TIMEOUT");
    }

    @Test
    void a_sender_address_outside_ascii_is_refused() {
        assertThatThrownBy(() -> Config.from(Env.of(Map.of("DIGEST_FROM", "Digest <digest@bücher.example>"))))
                .isInstanceOf(BadInputException.class).hasMessageContaining("DIGEST_FROM").hasMessageContaining("xn--");
    }

    @Test
    void http_host_and_trusted_proxies_are_read_and_checked_without_name_lookups() {
        Config config = Config.from(Env.of(Map.of("HTTP_HOST", "127.0.0.1", "HTTP_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8,::1")));

        assertThat(config.http().host()).isEqualTo("127.0.0.1");
        assertThat(config.http().trustedProxies()).extracting(Cidr::toString)
                .containsExactly("127.0.0.1/32", "10.0.0.0/8", "0:0:0:0:0:0:0:1/128");
        assertThat(Config.from(Env.of(Map.of())).http().host()).isEqualTo("0.0.0.0");
        assertThatThrownBy(() -> Config.from(Env.of(Map.of("HTTP_TRUSTED_PROXIES", "proxy.example.org"))))
                .hasMessageStartingWith("HTTP_TRUSTED_PROXIES must be a comma-separated list of IP addresses or CIDR blocks");
        assertThatThrownBy(() -> Config.from(Env.of(Map.of("HTTP_TRUSTED_PROXIES", "10.0.0.0/33"))))
                .hasMessageStartingWith("HTTP_TRUSTED_PROXIES must be");
        assertThatThrownBy(() -> Config.from(Env.of(Map.of("HTTP_HOST", "example.org"))))
                .hasMessageStartingWith("HTTP_HOST must be an IP address");
    }
}
