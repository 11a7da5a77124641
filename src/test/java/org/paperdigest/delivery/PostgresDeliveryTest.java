package org.paperdigest.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.App;
import org.paperdigest.Service;
import org.paperdigest.testing.CliRun;
import org.paperdigest.testing.Seed;
import org.paperdigest.testing.TestEnv;

/** The same outbox on PostgreSQL, and several senders sharing one issue. Runs when DIGEST_TEST_POSTGRES_URL is set. */
@EnabledIfEnvironmentVariable(named = "DIGEST_TEST_POSTGRES_URL", matches = ".+")
class PostgresDeliveryTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    private TestEnv env() {
        return TestEnv.postgresIn(dir).smtpPort(greenMail.getSmtp().getPort());
    }

    @Test
    void send_on_postgresql_delivers_one_message_each_and_a_rerun_sends_nothing() {
        TestEnv env = env();
        try (App app = new App(env.config(), Clock.systemUTC())) {
            Seed.readers(app, 50);
        }

        CliRun first = CliRun.run(env, "send");
        CliRun second = CliRun.run(env, "send");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("sent 50, failed 0").contains("Issue 1 is complete");
        assertThat(second.out()).contains("Nothing to send: issue 1 is complete");
        assertThat(perAddress().values()).hasSize(50).containsOnly(1);
    }

    @Test
    void two_senders_share_one_issue_without_sending_anything_twice() throws Exception {
        TestEnv env = env().set("SMTP_POOL_SIZE", "2");
        try (App a = new App(env.config(), Clock.systemUTC()); App b = new App(env.config(), Clock.systemUTC())) {
            Seed.readers(a, 600);
            Issue issue = a.sendService().prepare(Issue.Kind.MANUAL, null, false, false).issue();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            Future<DispatchResult> ra = pool.submit(() -> a.sendService().dispatch(issue, a.servicePolicy(), 0, Progress.NONE, new AtomicBoolean()));
            Future<DispatchResult> rb = pool.submit(() -> b.sendService().dispatch(issue, b.servicePolicy(), 0, Progress.NONE, new AtomicBoolean()));

            long sentA = ra.get().sent();
            long sentB = rb.get().sent();
            pool.shutdown();

            assertThat(sentA + sentB).isEqualTo(600);
            assertThat(sentA).isPositive();
            assertThat(sentB).isPositive();
            assertThat(sentBy(a, 1)).containsOnlyKeys(a.instanceId(), b.instanceId());
        }
        assertThat(perAddress().values()).hasSize(600).containsOnly(1);
    }

    @Test
    void the_clustered_schedule_fires_each_issue_once_and_every_instance_helps_send_it() throws Exception {
        TestEnv env = env().set("SMTP_POOL_SIZE", "2");
        try (App seed = new App(env.config(), Clock.systemUTC())) {
            Seed.readers(seed, 1500); // before the fire time is chosen: seeding takes a while on a loaded machine
        }
        // Far enough ahead for two instances to start on a loaded machine (Quartz refuses a fire time in the past).
        ZonedDateTime soon = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(20);
        String once = soon.getSecond() + " " + soon.getMinute() + " " + soon.getHour() + " " + soon.getDayOfMonth() + " "
                + soon.getMonthValue() + " ? " + soon.getYear();
        env.set("DIGEST_CRON", once);
        try (App a = new App(env.config(), Clock.systemUTC()); App b = new App(env.config(), Clock.systemUTC())) {
            List<Service> started = new ArrayList<>();
            for (App app : List.of(a, b)) {
                for (Service s : app.services()) {
                    s.start();
                    started.add(s);
                }
            }
            long end = System.nanoTime() + 120_000_000_000L;
            while (greenMail.getReceivedMessages().length < 1500 && System.nanoTime() < end) {
                Thread.sleep(100);
            }
            Collections.reverse(started);
            for (Service s : started) {
                s.stop();
            }

            assertThat(a.issues().list()).hasSize(1);
            assertThat(a.issues().list().get(0).scheduledFor()).isEqualTo(soon.withNano(0).toInstant());
            assertThat(sentBy(a, 1)).containsOnlyKeys(a.instanceId(), b.instanceId());
        }
        assertThat(perAddress().values()).hasSize(1500).containsOnly(1);
    }

    private static Map<String, Long> sentBy(App app, int issue) {
        return app.database().withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT claimed_by, COUNT(*) FROM deliveries WHERE issue_number = ? AND status = 'sent' GROUP BY claimed_by")) {
                ps.setInt(1, issue);
                Map<String, Long> out = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        // A claim token is "instance/issue.sender.random"; group by instance.
                        String instance = rs.getString(1).split("/", 2)[0];
                        out.merge(instance, rs.getLong(2), Long::sum);
                    }
                }
                return out;
            }
        });
    }

    private static Map<String, Integer> perAddress() {
        Map<String, Integer> counts = new HashMap<>();
        try {
            for (MimeMessage m : greenMail.getReceivedMessages()) {
                for (Address a : m.getAllRecipients()) {
                    counts.merge(a.toString(), 1, Integer::sum);
                }
            }
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }
}
