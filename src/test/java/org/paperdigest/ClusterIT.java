package org.paperdigest;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.testing.JarProcess;
import org.paperdigest.testing.Seed;
import org.paperdigest.testing.TestEnv;

/**
 * Two real `run` processes on one PostgreSQL database: the weekly issue fires once, both send it,
 * and when one is killed with SIGKILL mid-send the other finishes — nobody lost, and only the
 * messages in flight in the killed process may arrive twice.
 */
@EnabledIfEnvironmentVariable(named = "DIGEST_TEST_POSTGRES_URL", matches = ".+")
class ClusterIT {
    private static final int READERS = 3000;
    private static final int POOL = 2;

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    @Test
    void killing_one_of_two_instances_mid_send_leaves_the_other_to_finish_the_issue() throws Exception {
        ZonedDateTime fire = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(12);
        String once = fire.getSecond() + " " + fire.getMinute() + " " + fire.getHour() + " " + fire.getDayOfMonth() + " "
                + fire.getMonthValue() + " ? " + fire.getYear();
        TestEnv env = TestEnv.postgresIn(dir).smtpPort(greenMail.getSmtp().getPort())
                .set("DIGEST_CRON", once).set("SMTP_POOL_SIZE", String.valueOf(POOL))
                .set("DIGEST_CLAIM_LEASE", "3s").set("SMTP_TIMEOUT", "300ms").set("SMTP_CONNECT_TIMEOUT", "300ms")
                .set("HTTP_PORT", "0");
        try (App app = new App(env.config(), Clock.systemUTC())) {
            Seed.readers(app, READERS);
        }

        try (JarProcess a = JarProcess.start(dir, env.values(), "run"); JarProcess b = JarProcess.start(dir, env.values(), "run")) {
            a.awaitOutput("paper-digest is running", Duration.ofSeconds(60));
            b.awaitOutput("paper-digest is running", Duration.ofSeconds(60));
            awaitReceived(READERS / 4, Duration.ofSeconds(90));
            a.kill();
            int atKill = greenMail.getReceivedMessages().length;
            awaitReceived(READERS, Duration.ofSeconds(120));
            Thread.sleep(1000);
            b.terminate();
            assertThat(b.waitFor(Duration.ofSeconds(40))).as(b.output()).isZero();

            Map<String, Integer> perAddress = perAddress();
            int duplicates = perAddress.values().stream().mapToInt(n -> n - 1).sum();
            System.out.printf("cluster test: killed one of two instances after %d of %d messages; %d duplicates%n",
                    atKill, READERS, duplicates);
            assertThat(perAddress).hasSize(READERS);
            assertThat(duplicates).isLessThanOrEqualTo(POOL);
        }
        try (App app = new App(env.config(), Clock.systemUTC())) {
            assertThat(app.issues().list()).hasSize(1);
            assertThat(app.issues().list().get(0).finished()).isTrue();
        }
    }

    private static void awaitReceived(int n, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (greenMail.getReceivedMessages().length < n) {
            if (System.nanoTime() > end) {
                throw new AssertionError("only " + greenMail.getReceivedMessages().length + " of " + n + " messages arrived");
            }
            Thread.sleep(20);
        }
    }

    private static Map<String, Integer> perAddress() throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            for (Address a : m.getAllRecipients()) {
                counts.merge(a.toString(), 1, Integer::sum);
            }
        }
        return counts;
    }
}
