package org.paperdigest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImapConfigTest {

    @Test
    void without_imap_host_there_is_no_mailbox() {
        assertThat(Config.from(Env.of(Map.of())).imap()).isEmpty();
    }

    @Test
    void imap_defaults_to_tls_on_993_polled_every_minute() {
        ImapConfig imap = Config.from(Env.of(Map.of("IMAP_HOST", "imap.example.org", "IMAP_USERNAME", "requests",
                "IMAP_PASSWORD", "pw"))).imap().orElseThrow();

        assertThat(imap.security()).isEqualTo(SmtpConfig.Security.TLS);
        assertThat(imap.port()).isEqualTo(993);
        assertThat(imap.folder()).isEqualTo("INBOX");
        assertThat(imap.processedFolder()).isNull();
        assertThat(imap.pollInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(imap.toString()).doesNotContain("pw");
    }

    @Test
    void starttls_and_none_default_to_port_143() {
        ImapConfig imap = Config.from(Env.of(Map.of("IMAP_HOST", "h.example.org", "IMAP_USERNAME", "u",
                "IMAP_SECURITY", "starttls", "IMAP_POLL_INTERVAL", "30s"))).imap().orElseThrow();

        assertThat(imap.port()).isEqualTo(143);
        assertThat(imap.pollInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void a_bad_value_names_the_variable() {
        assertThatThrownBy(() -> Config.from(Env.of(Map.of("IMAP_HOST", "h", "IMAP_USERNAME", "u", "IMAP_SECURITY", "ssl"))))
                .isInstanceOf(BadInputException.class).hasMessageContaining("IMAP_SECURITY must be one of none, starttls, tls");
        assertThatThrownBy(() -> Config.from(Env.of(Map.of("IMAP_HOST", "h"))))
                .isInstanceOf(BadInputException.class).hasMessageContaining("IMAP_USERNAME");
        assertThatThrownBy(() -> Config.from(Env.of(Map.of("HTTP_TRUST_PROXY", "maybe"))))
                .isInstanceOf(BadInputException.class).hasMessageContaining("HTTP_TRUST_PROXY must be true or false");
    }

    @Test
    void http_trust_proxy_is_off_unless_set() {
        assertThat(Config.from(Env.of(Map.of())).http().trustProxy()).isFalse();
        assertThat(Config.from(Env.of(Map.of("HTTP_TRUST_PROXY", "yes"))).http().trustProxy()).isTrue();
    }
}
