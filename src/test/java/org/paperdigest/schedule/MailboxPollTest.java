package org.paperdigest.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.App;
import org.paperdigest.Service;
import org.paperdigest.testing.Mails;
import org.paperdigest.testing.TestEnv;
import org.paperdigest.web.WebServer;

class MailboxPollTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

    @TempDir
    Path dir;

    private TestEnv env() {
        return TestEnv.sqliteIn(dir)
                .smtpPort(greenMail.getSmtp().getPort())
                .set("HTTP_PORT", "0")
                .set("IMAP_HOST", "127.0.0.1")
                .set("IMAP_PORT", String.valueOf(greenMail.getImap().getPort()))
                .set("IMAP_SECURITY", "none")
                .set("IMAP_USERNAME", "requests")
                .set("IMAP_PASSWORD", "secret")
                .set("IMAP_POLL_INTERVAL", "200ms")
                .set("DIGEST_REQUEST_ADDRESS", "requests@example.org");
    }

    @Test
    void run_polls_the_request_mailbox_on_a_schedule() throws Exception {
        var user = greenMail.setUser("requests@example.org", "requests", "secret");
        try (App app = new App(env().config(), Clock.systemUTC())) {
            List<Service> started = new java.util.ArrayList<>();
            for (Service s : app.services()) {
                s.start();
                started.add(s);
            }
            try {
                MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
                m.setFrom(new InternetAddress("ada@example.org"));
                m.setRecipient(Message.RecipientType.TO, new InternetAddress("requests@example.org"));
                m.setSubject("subscribe");
                m.setText("");
                user.deliver(m);

                long deadline = System.nanoTime() + 10_000_000_000L;
                while (Mails.to(greenMail.getReceivedMessages(), "ada@example.org").isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(Mails.to(greenMail.getReceivedMessages(), "ada@example.org"))
                        .singleElement().satisfies(reply -> assertThat(Mails.subject(reply)).startsWith("Confirm your subscription"));
            } finally {
                java.util.Collections.reverse(started);
                for (Service s : started) {
                    s.stop();
                }
            }
        }
    }

    @Test
    void run_starts_the_web_server_and_the_mailbox_poll_when_imap_is_set() {
        try (App app = new App(env().config(), Clock.systemUTC())) {
            assertThat(app.services()).hasAtLeastOneElementOfType(WebServer.class)
                    .extracting(Service::name).anySatisfy(n -> assertThat(n).contains("request mailbox every 200ms"));
        }
        try (App app = new App(env().unset("IMAP_HOST").config(), Clock.systemUTC())) {
            assertThat(app.services()).hasAtLeastOneElementOfType(WebServer.class)
                    .extracting(Service::name).noneSatisfy(n -> assertThat(n).contains("request mailbox"));
        }
    }
}
