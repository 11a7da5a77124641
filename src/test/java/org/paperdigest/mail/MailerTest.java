package org.paperdigest.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.paperdigest.config.SmtpConfig;

class MailerTest {

    @Test
    void an_unreachable_server_is_reported_with_host_and_port() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Mailer mailer = new Mailer(plainSmtp(closedPort), "example.org");

        assertThatThrownBy(mailer::open)
                .isInstanceOf(MailServerUnavailableException.class)
                .hasMessageStartingWith("Cannot connect to the SMTP server 127.0.0.1:" + closedPort + " (")
                .hasMessageContaining("Connection refused");
    }

    @Test
    void a_letter_becomes_a_multipart_alternative_message_with_the_list_headers() throws Exception {
        Mailer mailer = new Mailer(plainSmtp(25), "example.org");

        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(mailer.mime().toBytes(letterTo(1))));

        assertThat(message.getContentType()).startsWith("multipart/alternative");
        assertThat(message.getMessageID()).isEqualTo("<digest.1.1.abcd@example.org>");
        assertThat(message.getHeader("List-Unsubscribe", null).replaceAll("\\s+", " "))
                .isEqualTo("<https://digest.example.org/unsubscribe?token=t1>, <mailto:digest@example.org?subject=unsubscribe>");
        assertThat(message.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(message.getHeader("List-Id", null)).isEqualTo("Paper Digest <digest.example.org>");
        assertThat(message.getHeader("Reply-To", null)).isEqualTo("editor@example.org");
    }

    @Test
    void lines_that_start_with_a_dot_arrive_as_written_from_a_shape_and_from_plain_text() throws Exception {
        com.icegreen.greenmail.util.GreenMail server = new com.icegreen.greenmail.util.GreenMail(
                com.icegreen.greenmail.util.ServerSetupTest.SMTP.dynamicPort());
        server.start();
        try {
            Mailer mailer = new Mailer(plainSmtp(server.getSmtp().getPort()), "example.org");
            // A lone dot would end the message early if it were not doubled; "y"×75 then ".z" puts a dot after a soft break.
            String text = ".\n..\n.starts with a dot\n" + "y".repeat(75) + ".z\nlast line\n";
            BodyShape shape = new BodyShape(java.util.List.of(".", "\n.\n", "\n"), new int[] {0, 1});
            String[] values = {".name", "."};
            Letter plain = letterTo(1);
            Letter shaped = new Letter(plain.from(), plain.replyTo(), "reader2@example.org", plain.toName(), plain.subject(),
                    null, null, "<digest.1.2.abcd@example.org>", plain.date(), plain.listId(), plain.listUnsubscribeUrl(),
                    plain.listUnsubscribeMailto(), null, Map.of(), new ShapedBody(shape, values), new ShapedBody(shape, values));
            plain = new Letter(plain.from(), plain.replyTo(), plain.to(), plain.toName(), plain.subject(), text, text,
                    plain.messageId(), plain.date(), plain.listId(), plain.listUnsubscribeUrl(), plain.listUnsubscribeMailto(), null);

            try (MailConnection c = mailer.open()) {
                assertThat(c.send(plain)).isInstanceOf(SendResult.Sent.class);
                assertThat(c.send(shaped)).isInstanceOf(SendResult.Sent.class);
            }

            MimeMessage[] received = server.getReceivedMessages();
            assertThat(received).hasSize(2);
            assertThat(textPart(received[0])).isEqualTo(text);
            assertThat(textPart(received[1])).isEqualTo(shape.fill(values)).isEqualTo("..name\n.\n.\n");
        } finally {
            server.stop();
        }
    }

    @Test
    void what_must_come_before_a_message_runs_once_the_server_is_ready_and_when_it_fails_the_message_is_not_delivered()
            throws Exception {
        com.icegreen.greenmail.util.GreenMail server = new com.icegreen.greenmail.util.GreenMail(
                com.icegreen.greenmail.util.ServerSetupTest.SMTP.dynamicPort());
        server.start();
        try {
            Mailer mailer = new Mailer(plainSmtp(server.getSmtp().getPort()), "example.org");
            int[] received = new int[2];
            try (MailConnection c = mailer.open()) {
                // The hook runs after the envelope and DATA were taken, and before the message goes out.
                assertThat(c.send(letterTo(1), () -> received[0] = server.getReceivedMessages().length))
                        .isInstanceOf(SendResult.Sent.class);
                assertThatThrownBy(() -> c.send(letterTo(2), () -> {
                    received[1] = server.getReceivedMessages().length;
                    throw new IllegalStateException("the previous message could not be recorded");
                })).hasMessage("the previous message could not be recorded");
                assertThat(c.usable()).isFalse();
            }

            assertThat(received).containsExactly(0, 1);
            // The connection was cut inside DATA: the server dropped the second message.
            Thread.sleep(200);
            assertThat(server.getReceivedMessages()).extracting(m -> ((jakarta.mail.internet.InternetAddress) m.getAllRecipients()[0]).getAddress())
                    .containsExactly("reader1@example.org");
        } finally {
            server.stop();
        }
    }

    private static String textPart(MimeMessage m) throws Exception {
        jakarta.mail.internet.MimeMultipart parts = (jakarta.mail.internet.MimeMultipart) m.getContent();
        return ((String) parts.getBodyPart(0).getContent()).replace("\r\n", "\n");
    }

    private static SmtpConfig plainSmtp(int port) {
        return new SmtpConfig("127.0.0.1", port, null, null, SmtpConfig.Security.NONE, 1, 0, 5, 1000,
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(1), Map.of());
    }

    private static Letter letterTo(int n) {
        return new Letter("Paper Digest <digest@example.org>", "editor@example.org", "reader" + n + "@example.org", "Reader " + n,
                "Issue 1", "Hello in text.\n".repeat(200), "<p>Hello in HTML.</p>\n".repeat(400),
                "<digest.1." + n + ".abcd@example.org>", Instant.now(), "Paper Digest <digest.example.org>",
                "https://digest.example.org/unsubscribe?token=t" + n, "mailto:digest@example.org?subject=unsubscribe", null);
    }
}
