package org.paperdigest.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;
import org.paperdigest.config.SmtpConfig;
import org.paperdigest.testing.TestEnv;

class MailerTest {

    private static SmtpConfig smtp(String security) {
        return TestEnv.sqliteIn(java.nio.file.Path.of("target")).set("SMTP_SECURITY", security).config().smtp();
    }

    @Test
    void plain_connections_use_a_plain_no_delay_socket_factory() {
        // Angus ignores an SSLSocketFactory given for plain SMTP, which silently brings back the
        // 40 ms Nagle stall per message (about 20 messages a second per connection).
        Properties p = Mailer.properties(smtp("none"), "example.org");

        assertThat(p.get("mail.smtp.socketFactory")).isInstanceOf(SocketFactory.class).isNotInstanceOf(SSLSocketFactory.class);
    }

    @Test
    void starttls_upgrades_with_a_tls_factory_and_tls_uses_smtps() {
        Properties starttls = Mailer.properties(smtp("starttls"), "example.org");
        Properties tls = Mailer.properties(smtp("tls"), "example.org");

        assertThat(starttls.get("mail.smtp.starttls.required")).isEqualTo("true");
        assertThat(starttls.get("mail.smtp.ssl.socketFactory")).isInstanceOf(SSLSocketFactory.class);
        assertThat(tls.get("mail.transport.protocol")).isEqualTo("smtps");
        assertThat(tls.get("mail.smtps.port")).isEqualTo("465");
        assertThat(tls.get("mail.smtps.ssl.socketFactory")).isInstanceOf(SSLSocketFactory.class);
    }
}
