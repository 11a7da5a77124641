package org.paperdigest.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.App;
import org.paperdigest.delivery.Issue;
import org.paperdigest.testing.Seed;
import org.paperdigest.testing.TestClock;
import org.paperdigest.testing.TestEnv;

/**
 * Catch-up with an injected clock: what a service starting at a given instant starts, across
 * clock changes, on a new installation and after a change of schedule.
 */
class ScheduleCatchUpTest {
    @TempDir
    Path dir;

    private TestEnv env(String cron, String zone) {
        return TestEnv.sqliteIn(dir).set("DIGEST_CRON", cron).set("DIGEST_TIMEZONE", zone);
    }

    /** Arms the schedule at {@code armedAt} with three readers on the list, as a first `run` then would. */
    private static void installedAt(TestEnv env, String armedAt) {
        try (App app = new App(env.config(), TestClock.at(armedAt))) {
            Seed.readers(app, 3);
            app.fireTimes();
        }
    }

    /** What a service starting at {@code now} catches up on. */
    private static Optional<Issue> catchUpAt(TestEnv env, TestClock now) {
        try (App app = new App(env.config(), now)) {
            return app.sendService().catchUp(app.fireTimes());
        }
    }

    private static Optional<Issue> catchUpAt(TestEnv env, String now) {
        return catchUpAt(env, TestClock.at(now));
    }

    @Test
    void london_a_fire_time_in_the_spring_forward_gap_is_caught_up_as_the_first_instant_after_the_gap() {
        TestEnv env = env("0 30 1 ? * SUN", "Europe/London");
        installedAt(env, "2025-03-24T12:00:00Z");

        Optional<Issue> issue = catchUpAt(env, "2025-03-30T03:00:00Z");

        assertThat(issue).map(Issue::scheduledFor).hasValue(Instant.parse("2025-03-30T01:00:00Z"));
    }

    @Test
    void new_york_a_fire_time_in_the_spring_forward_gap_is_caught_up() {
        TestEnv env = env("0 30 2 ? * SUN", "America/New_York");
        installedAt(env, "2025-03-03T12:00:00Z");

        assertThat(catchUpAt(env, "2025-03-09T06:59:00Z")).isEmpty();
        assertThat(catchUpAt(env, "2025-03-09T07:00:01Z")).map(Issue::scheduledFor).hasValue(Instant.parse("2025-03-09T07:00:00Z"));
    }

    @Test
    void sao_paulo_midnight_that_did_not_exist_is_caught_up_at_one_in_the_morning() {
        TestEnv env = env("0 0 0 * * ?", "America/Sao_Paulo");
        installedAt(env, "2018-11-03T12:00:00Z");

        assertThat(catchUpAt(env, "2018-11-04T05:00:00Z")).map(Issue::scheduledFor).hasValue(Instant.parse("2018-11-04T03:00:00Z"));
    }

    @Test
    void london_a_time_that_happens_twice_makes_one_issue() {
        TestEnv env = env("0 30 1 ? * SUN", "Europe/London");
        installedAt(env, "2025-10-20T12:00:00Z");

        Optional<Issue> first = catchUpAt(env, "2025-10-26T00:31:00Z");
        try (App app = new App(env.config(), TestClock.at("2025-10-26T00:40:00Z"))) {
            app.issues().finish(first.orElseThrow().number());
        }
        Optional<Issue> second = catchUpAt(env, "2025-10-26T01:31:00Z");

        assertThat(first).map(Issue::scheduledFor).hasValue(Instant.parse("2025-10-26T00:30:00Z"));
        assertThat(second).isEmpty();
    }

    @Test
    void new_york_and_sao_paulo_repeated_times_make_one_issue() {
        TestEnv ny = env("0 30 1 * * ?", "America/New_York");
        installedAt(ny, "2025-11-01T12:00:00Z");
        Optional<Issue> first = catchUpAt(ny, "2025-11-02T05:31:00Z");
        try (App app = new App(ny.config(), TestClock.at("2025-11-02T05:40:00Z"))) {
            app.issues().finish(first.orElseThrow().number());
        }

        assertThat(first).map(Issue::scheduledFor).hasValue(Instant.parse("2025-11-02T05:30:00Z"));
        assertThat(catchUpAt(ny, "2025-11-02T06:31:00Z")).isEmpty();
    }

    @Test
    void a_new_installation_never_sends_for_a_fire_time_before_it_existed() {
        // Daily at 09:00; the installation starts at 08:59, a minute before today's fire time.
        TestEnv env = env("0 0 9 * * ?", "UTC");
        installedAt(env, "2026-07-01T08:59:00Z");

        Optional<Issue> atStart = catchUpAt(env, "2026-07-01T08:59:05Z");
        Optional<Issue> onTime = catchUpAt(env, "2026-07-01T09:00:01Z");

        assertThat(atStart).isEmpty();
        assertThat(onTime).map(Issue::scheduledFor).hasValue(Instant.parse("2026-07-01T09:00:00Z"));
        try (App app = new App(env.config(), TestClock.at("2026-07-01T09:01:00Z"))) {
            assertThat(app.issues().list()).hasSize(1);
        }
    }

    @Test
    void a_changed_schedule_is_armed_afresh_and_does_not_catch_up_on_its_past() {
        installedAt(env("0 0 9 ? * MON", "UTC"), "2026-06-01T12:00:00Z");
        // On Saturday the editor moves the digest to Fridays at 09:00: yesterday's Friday never existed for it.
        TestEnv friday = env("0 0 9 ? * FRI", "UTC");

        assertThat(catchUpAt(friday, "2026-07-04T08:00:00Z")).isEmpty();
        try (App app = new App(friday.config(), TestClock.at("2026-07-04T08:00:00Z"))) {
            assertThat(app.fireTimes().armedAt()).isEqualTo(Instant.parse("2026-07-04T08:00:00Z"));
        }
    }

    @Test
    void the_arming_time_stays_when_the_same_schedule_starts_again() {
        TestEnv env = env("0 0 9 ? * MON", "Europe/Berlin");
        installedAt(env, "2026-06-01T12:00:00Z");

        try (App app = new App(env.config(), TestClock.at("2026-07-01T00:00:00Z"))) {
            assertThat(app.fireTimes().armedAt()).isEqualTo(Instant.parse("2026-06-01T12:00:00Z"));
        }
    }

    @Test
    void a_miss_nearer_the_next_fire_time_than_its_own_is_not_caught_up() {
        // Daily at 09:00, down from before 09:00 until 08:00 the next day: the 09:00 issue an hour later is nearer.
        TestEnv env = env("0 0 9 * * ?", "UTC").set("DIGEST_MISFIRE_GRACE", "24h");
        installedAt(env, "2026-06-01T12:00:00Z");

        assertThat(catchUpAt(env, "2026-07-02T08:00:00Z")).isEmpty();
        assertThat(catchUpAt(env, "2026-07-01T20:00:00Z")).map(Issue::scheduledFor).hasValue(Instant.parse("2026-07-01T09:00:00Z"));
    }

    @Test
    void a_catch_up_is_logged_with_the_next_fire_time_when_it_comes_sooner_than_the_interval() {
        TestEnv env = env("0 0 9 * * ?", "UTC");
        installedAt(env, "2026-06-01T12:00:00Z");
        TestClock now = TestClock.at("2026-07-01T12:00:00Z");

        try (LogLines log = LogLines.of(org.paperdigest.delivery.SendService.class)) {
            catchUpAt(env, now);

            assertThat(log.lines()).anyMatch(line -> line.contains("catches up on the fire time Wed 2026-07-01 09:00 +00:00")
                    && line.contains("next issue is due Thu 2026-07-02 09:00 +00:00") && line.contains("21 h from now")
                    && line.contains("interval of 24 h"));
        }
    }
}
