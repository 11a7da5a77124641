package org.paperdigest;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.testing.JarProcess;
import org.paperdigest.testing.Seed;
import org.paperdigest.testing.TestEnv;

/**
 * Kills the real jar with SIGKILL in the middle of a send, several times at different points,
 * restarts it, and counts what the SMTP server received per address: nobody is lost, and only
 * the messages in flight at a kill (at most SMTP_POOL_SIZE) may arrive twice.
 */
class CrashRecoveryIT {
    private static final int READERS = 1500;
    private static final int POOL = 4;

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    @Test
    void kill_nine_during_a_send_loses_nobody_and_duplicates_at_most_the_messages_in_flight() throws Exception {
        TestEnv env = TestEnv.sqliteIn(dir).smtpPort(greenMail.getSmtp().getPort()).set("SMTP_POOL_SIZE", String.valueOf(POOL));
        try (App app = new App(env.config(), Clock.systemUTC())) {
            Seed.readers(app, READERS);
        }
        // Kill points: right after start (startup or planning), then at growing shares of the list.
        List<Integer> killAt = List.of(0, 150, 500, 900, 1300);
        int previousDuplicates = 0;
        int maxDuplicatesPerKill = 0;
        for (int threshold : killAt) {
            try (JarProcess send = JarProcess.start(dir, env.values(), "send")) {
                if (threshold == 0) {
                    Thread.sleep(700);
                } else {
                    awaitReceived(threshold, send);
                }
                send.kill();
            }
            int duplicates = duplicates(received());
            maxDuplicatesPerKill = Math.max(maxDuplicatesPerKill, duplicates - previousDuplicates);
            previousDuplicates = duplicates;
        }
        try (JarProcess last = JarProcess.start(dir, env.values(), "send")) {
            assertThat(last.waitFor(Duration.ofMinutes(3))).as(last.output()).isZero();
            assertThat(last.output()).contains("Issue 1 is complete");
        }

        Map<String, Integer> perAddress = received();
        System.out.printf("crash test: %d kill -9 rounds, %d messages for %d readers, %d duplicates in all, at most %d per kill%n",
                killAt.size(), perAddress.values().stream().mapToInt(Integer::intValue).sum(), READERS,
                duplicates(perAddress), maxDuplicatesPerKill);
        assertThat(perAddress).hasSize(READERS);
        assertThat(maxDuplicatesPerKill).isLessThanOrEqualTo(POOL);
        assertThat(duplicates(perAddress)).isLessThanOrEqualTo(killAt.size() * POOL);
        try (App app = new App(env.config(), Clock.systemUTC())) {
            assertThat(app.issues().list()).hasSize(1);
            assertThat(Seed.deliveries(app, 1).values()).hasSize(READERS).allSatisfy(r -> assertThat(r.status()).isEqualTo("sent"));
        }
    }

    @Test
    void sigterm_stops_run_cleanly_with_exit_status_zero() throws Exception {
        TestEnv env = TestEnv.sqliteIn(dir).smtpPort(greenMail.getSmtp().getPort()).set("HTTP_PORT", "0");
        try (JarProcess run = JarProcess.start(dir, env.values(), "run")) {
            run.awaitOutput("paper-digest is running", Duration.ofSeconds(60));

            run.terminate();

            assertThat(run.waitFor(Duration.ofSeconds(40))).as(run.output()).isZero();
            assertThat(run.output()).contains("Stopped weekly schedule");
        }
    }

    private static void awaitReceived(int n, JarProcess p) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (greenMail.getReceivedMessages().length < n) {
            if (!p.alive()) {
                throw new AssertionError("send ended before " + n + " messages arrived:\n" + p.output());
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("fewer than " + n + " messages arrived in time:\n" + p.output());
            }
            Thread.sleep(5);
        }
    }

    private static Map<String, Integer> received() throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            for (Address a : m.getAllRecipients()) {
                counts.merge(a.toString(), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static int duplicates(Map<String, Integer> perAddress) {
        return perAddress.values().stream().mapToInt(n -> n - 1).sum();
    }
}
