package org.paperdigest.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.App;
import org.paperdigest.Service;
import org.paperdigest.delivery.Issue;
import org.paperdigest.testing.Seed;
import org.paperdigest.testing.TestEnv;

/** The service fires each scheduled issue once: on time, or once late after downtime, never twice. */
class WeeklyScheduleTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    private TestEnv env(String cron) {
        return TestEnv.sqliteIn(dir).smtpPort(greenMail.getSmtp().getPort()).set("DIGEST_CRON", cron);
    }

    /** A daily cron at the UTC hour and minute of {@code t}. */
    private static String dailyAt(ZonedDateTime t) {
        return "0 " + t.getMinute() + " " + t.getHour() + " * * ?";
    }

    /** Runs the services of `run` for a while, then stops them as SIGTERM would. */
    private static List<Issue> runFor(TestEnv env, Duration d) throws Exception {
        try (App app = new App(env.config(), Clock.systemUTC())) {
            List<Service> started = new ArrayList<>();
            for (Service s : app.services()) {
                s.start();
                started.add(s);
            }
            Thread.sleep(d.toMillis());
            Collections.reverse(started);
            for (Service s : started) {
                s.stop();
            }
            return app.issues().list();
        }
    }

    /** Adds readers to an installation whose schedule was armed a month ago (catch-up never reaches before it). */
    private void seed(TestEnv env, int readers) {
        try (App app = new App(env.config(), Clock.offset(Clock.systemUTC(), Duration.ofDays(-30)))) {
            Seed.readers(app, readers);
            app.fireTimes();
        }
    }

    @Test
    void an_issue_missed_while_down_is_sent_once_at_start_and_not_again_after_restarts() throws Exception {
        ZonedDateTime anHourAgo = ZonedDateTime.now(ZoneOffset.UTC).minusHours(1);
        TestEnv env = env(dailyAt(anHourAgo));
        seed(env, 5);

        List<Issue> afterFirst = runFor(env, Duration.ofSeconds(3));
        runFor(env, Duration.ofSeconds(2));
        List<Issue> afterThird = runFor(env, Duration.ofSeconds(2));

        assertThat(afterFirst).hasSize(1);
        assertThat(afterFirst.get(0).kind()).isEqualTo(Issue.Kind.SCHEDULED);
        assertThat(afterFirst.get(0).scheduledFor()).isEqualTo(anHourAgo.withSecond(0).withNano(0).toInstant());
        assertThat(afterThird).hasSize(1);
        assertThat(afterThird.get(0).finished()).isTrue();
        assertThat(greenMail.getReceivedMessages()).hasSize(5);
    }

    @Test
    void a_miss_older_than_the_grace_period_is_skipped() throws Exception {
        TestEnv env = env(dailyAt(ZonedDateTime.now(ZoneOffset.UTC).minusHours(2))).set("DIGEST_MISFIRE_GRACE", "1h");
        seed(env, 3);

        List<Issue> issues = runFor(env, Duration.ofSeconds(2));

        assertThat(issues).isEmpty();
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void several_missed_fire_times_make_one_issue_not_a_burst() throws Exception {
        // Hourly, with ten hours of grace: ten fire times were missed; only the latest is sent.
        ZonedDateTime fiveMinutesAgo = ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(5);
        TestEnv env = env("0 " + fiveMinutesAgo.getMinute() + " * * * ?").set("DIGEST_MISFIRE_GRACE", "10h");
        seed(env, 4);

        List<Issue> issues = runFor(env, Duration.ofSeconds(3));

        assertThat(issues).hasSize(1);
        assertThat(greenMail.getReceivedMessages()).hasSize(4);
    }

    @Test
    void run_logs_the_next_three_fire_times_at_start() throws Exception {
        TestEnv env = env("0 30 1 ? * SUN").set("DIGEST_TIMEZONE", "UTC+05:30");
        seed(env, 1);

        try (LogLines log = LogLines.of(DigestScheduler.class)) {
            runFor(env, Duration.ofMillis(100));

            assertThat(log.lines()).anyMatch(line -> line.startsWith("Weekly schedule '0 30 1 ? * SUN' in UTC+05:30: next issues Sun ")
                    && line.split("; ").length == 3 && line.contains("01:30 +05:30 (") && line.contains("T20:00:00Z)"));
        }
    }

    @Test
    void after_each_fire_the_trigger_is_set_to_the_next_fire_time() throws Exception {
        TestEnv env = env("0/2 * * * * ?");
        seed(env, 1);

        try (LogLines log = LogLines.of(WeeklyIssueJob.class)) {
            runFor(env, Duration.ofSeconds(9));

            assertThat(log.lines().stream().filter(line -> line.startsWith("Next issue due"))).hasSizeGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void the_schedule_fires_the_issue_on_time() throws Exception {
        ZonedDateTime soon = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(3);
        String once = soon.getSecond() + " " + soon.getMinute() + " " + soon.getHour() + " " + soon.getDayOfMonth() + " "
                + soon.getMonthValue() + " ? " + soon.getYear();
        TestEnv env = env(once);
        seed(env, 2);

        List<Issue> issues = runFor(env, Duration.ofSeconds(6));

        assertThat(issues).hasSize(1);
        assertThat(issues.get(0).scheduledFor()).isEqualTo(soon.withNano(0).toInstant());
        assertThat(greenMail.getReceivedMessages()).hasSize(2);
    }
}
