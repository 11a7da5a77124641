package org.paperdigest.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.App;
import org.paperdigest.Service;
import org.paperdigest.testing.TestEnv;

/** Two instances on one PostgreSQL database poll the same request mailbox; every message is answered once. */
@EnabledIfEnvironmentVariable(named = "DIGEST_TEST_POSTGRES_URL", matches = ".+")
class ClusteredMailboxTest {
    private static final int SENDERS = 12;

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

    @TempDir
    Path dir;

    @Test
    void two_instances_answer_each_email_command_once() throws Exception {
        GreenMailUser mailbox = greenMail.setUser("requests@example.org", "requests", "secret");
        TestEnv env = TestEnv.postgresIn(dir).smtpPort(greenMail.getSmtp().getPort())
                .set("IMAP_HOST", "127.0.0.1").set("IMAP_PORT", String.valueOf(greenMail.getImap().getPort()))
                .set("IMAP_SECURITY", "none").set("IMAP_USERNAME", "requests").set("IMAP_PASSWORD", "secret")
                .set("IMAP_POLL_INTERVAL", "100ms").set("DIGEST_REQUEST_ADDRESS", "requests@example.org");
        for (int i = 1; i <= SENDERS; i++) {
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
            m.setFrom(new InternetAddress("reader" + i + "@example.org"));
            m.setRecipient(Message.RecipientType.TO, new InternetAddress("requests@example.org"));
            m.setSubject("help");
            m.setText("help");
            mailbox.deliver(m);
        }

        try (App a = new App(env.config(), Clock.systemUTC()); App b = new App(env.config(), Clock.systemUTC())) {
            List<Service> started = new ArrayList<>();
            for (App app : List.of(a, b)) {
                for (Service s : app.services()) {
                    s.start();
                    started.add(s);
                }
            }
            long end = System.nanoTime() + 20_000_000_000L;
            while (replies().size() < SENDERS && System.nanoTime() < end) {
                Thread.sleep(100);
            }
            Thread.sleep(1500); // time for a second answer, if one were coming
            Collections.reverse(started);
            for (Service s : started) {
                s.stop();
            }
        }

        assertThat(replies()).hasSize(SENDERS).allSatisfy((reader, n) -> assertThat(n).as(reader).isEqualTo(1));
    }

    private static Map<String, Integer> replies() throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            for (Address to : m.getAllRecipients()) {
                if (to.toString().startsWith("reader")) {
                    counts.merge(to.toString(), 1, Integer::sum);
                }
            }
        }
        return counts;
    }
}
