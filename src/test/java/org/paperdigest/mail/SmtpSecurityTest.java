package org.paperdigest.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.config.SmtpConfig;
import org.paperdigest.testing.FaultySmtpServer;
import org.paperdigest.testing.TestCertificate;

/** TLS from the first byte, STARTTLS and login, against real servers with a real (test) certificate. */
class SmtpSecurityTest {
    @TempDir
    static Path dir;

    static TestCertificate certificate;
    static GreenMail greenMail;

    @BeforeAll
    static void start() throws Exception {
        certificate = TestCertificate.generate(dir);
        System.setProperty("greenmail.tls.keystore.file", certificate.keystore().toString());
        System.setProperty("greenmail.tls.keystore.password", certificate.password());
        System.setProperty("greenmail.tls.key.password", certificate.password());
        greenMail = new GreenMail(new ServerSetup[] {
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS).dynamicPort()})
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("editor@example.org", "editor", "s3cret"));
        greenMail.start();
    }

    @AfterAll
    static void stop() {
        greenMail.stop();
        System.clearProperty("greenmail.tls.keystore.file");
        System.clearProperty("greenmail.tls.keystore.password");
        System.clearProperty("greenmail.tls.key.password");
    }

    private static SmtpConfig smtp(String host, int port, SmtpConfig.Security security, String user, String password) {
        return new SmtpConfig(host, port, user, password, security, 1, 0, 3, 100, Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(1), Map.of());
    }

    private static Mailer mailer(SmtpConfig smtp) throws Exception {
        return new Mailer(smtp, "example.org", null, certificate.clientContext().getSocketFactory());
    }

    private static Letter letter(String to) {
        return new Letter("Paper Digest <digest@example.org>", null, to, null, "Secure hello", "text", "<p>html</p>",
                "<digest.1.1.abcd@example.org>", Instant.now(), null, null, null, null);
    }

    @Test
    void tls_from_the_first_byte_checks_the_certificate_and_delivers() throws Exception {
        Mailer mailer = mailer(smtp("127.0.0.1", greenMail.getSmtps().getPort(), SmtpConfig.Security.TLS, null, null));

        try (MailConnection c = mailer.open()) {
            assertThat(c.send(letter("tls@example.org"))).isInstanceOf(SendResult.Sent.class);
        }

        assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
    }

    @Test
    void a_certificate_that_does_not_name_the_server_is_refused() throws Exception {
        // The certificate names 127.0.0.1 only; "localhost" reaches the same server under another name.
        Mailer mailer = mailer(smtp("localhost", greenMail.getSmtps().getPort(), SmtpConfig.Security.TLS, null, null));

        assertThatThrownBy(mailer::open).isInstanceOf(MailConfigurationException.class)
                .hasMessageContaining("Cannot use the SMTP server localhost:").hasMessageContaining("TLS handshake");
    }

    @Test
    void a_certificate_from_an_unknown_authority_is_refused() throws Exception {
        Mailer mailer = new Mailer(smtp("127.0.0.1", greenMail.getSmtps().getPort(), SmtpConfig.Security.TLS, null, null), "example.org");

        assertThatThrownBy(mailer::open).isInstanceOf(MailConfigurationException.class)
                .hasMessageContaining("TLS handshake").hasMessageContaining("certificate");
    }

    @Test
    void starttls_upgrades_the_connection_before_the_message() throws Exception {
        try (FaultySmtpServer server = FaultySmtpServer.start().starttls(certificate.serverContext())) {
            Mailer mailer = mailer(smtp("127.0.0.1", server.port(), SmtpConfig.Security.STARTTLS, null, null));

            try (MailConnection c = mailer.open()) {
                assertThat(c.send(letter("starttls@example.org"))).isInstanceOf(SendResult.Sent.class);
            }

            assertThat(server.accepted("starttls@example.org")).isEqualTo(1);
        }
    }

    @Test
    void starttls_required_but_not_offered_is_refused_before_any_message() throws Exception {
        try (FaultySmtpServer server = FaultySmtpServer.start()) {
            Mailer mailer = mailer(smtp("127.0.0.1", server.port(), SmtpConfig.Security.STARTTLS, null, null));

            assertThatThrownBy(mailer::open).isInstanceOf(MailConfigurationException.class)
                    .hasMessageContaining("does not offer STARTTLS");
            assertThat(server.acceptedTotal()).isZero();
        }
    }

    @Test
    void logs_in_when_a_username_is_set() throws Exception {
        Mailer mailer = mailer(smtp("127.0.0.1", greenMail.getSmtp().getPort(), SmtpConfig.Security.NONE, "editor", "s3cret"));

        try (MailConnection c = mailer.open()) {
            assertThat(c.send(letter("login@example.org"))).isInstanceOf(SendResult.Sent.class);
        }
    }

    @Test
    void a_wrong_password_is_a_login_error_not_a_passing_failure() throws Exception {
        Mailer mailer = mailer(smtp("127.0.0.1", greenMail.getSmtp().getPort(), SmtpConfig.Security.NONE, "editor", "wrong"));

        assertThatThrownBy(mailer::open).isInstanceOf(MailLoginException.class)
                .hasMessageContaining("refused the login of SMTP_USERNAME=editor")
                .hasMessageNotContaining("wrong");
    }

    @Test
    void send_exits_2_when_the_smtp_login_is_refused() {
        org.paperdigest.testing.TestEnv env = org.paperdigest.testing.TestEnv.sqliteIn(dir.resolve("cli"))
                .smtpPort(greenMail.getSmtp().getPort()).set("SMTP_USERNAME", "editor").set("SMTP_PASSWORD", "wrong");
        assertThat(org.paperdigest.testing.CliRun.run(env, "subscribers", "add", "ada@example.org", "--confirmed").exitCode()).isZero();

        org.paperdigest.testing.CliRun send = org.paperdigest.testing.CliRun.run(env, "send");

        assertThat(send.exitCode()).isEqualTo(2);
        assertThat(send.err()).contains("refused the login of SMTP_USERNAME=editor").doesNotContain("wrong");
    }
}
