package org.paperdigest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Fire times across clock changes: a time in a spring-forward gap fires after the gap; a repeated time fires once. */
class CronScheduleTest {

    private static CronSchedule schedule(String cron, String zone) {
        return new CronSchedule(cron, ZoneId.of(zone));
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    @Test
    void london_a_time_in_the_spring_forward_gap_fires_at_the_first_instant_after_the_gap() {
        // 2025-03-30: 01:00 GMT becomes 02:00 BST; 01:30 does not exist that day.
        CronSchedule weekly = schedule("0 30 1 ? * SUN", "Europe/London");

        assertThat(weekly.next(at("2025-03-29T12:00:00Z"))).hasValue(at("2025-03-30T01:00:00Z"));
        assertThat(weekly.next(at("2025-03-30T01:00:00Z"))).hasValue(at("2025-04-06T00:30:00Z"));
        assertThat(weekly.next(at("2025-03-23T00:00:00Z"), 3))
                .containsExactly(at("2025-03-23T01:30:00Z"), at("2025-03-30T01:00:00Z"), at("2025-04-06T00:30:00Z"));
    }

    @Test
    void london_a_time_that_happens_twice_when_clocks_go_back_fires_once() {
        // 2025-10-26: 02:00 BST becomes 01:00 GMT; 01:30 happens at 00:30Z and again at 01:30Z.
        CronSchedule weekly = schedule("0 30 1 ? * SUN", "Europe/London");

        assertThat(weekly.next(at("2025-10-25T12:00:00Z"), 2)).containsExactly(at("2025-10-26T00:30:00Z"), at("2025-11-02T01:30:00Z"));
        // Asked during the second pass through the repeated hour: the next is a week later.
        assertThat(weekly.next(at("2025-10-26T01:15:00Z"))).hasValue(at("2025-11-02T01:30:00Z"));
        assertThat(weekly.next(at("2025-10-26T00:30:00Z"))).hasValue(at("2025-11-02T01:30:00Z"));
    }

    @Test
    void every_quarter_hour_through_a_repeated_hour_fires_each_wall_clock_time_once() {
        CronSchedule quarterly = schedule("0 0/15 * * * ?", "Europe/London");

        // 01:00-01:45 BST are 00:00Z-00:45Z; the same wall-clock times in GMT (01:00Z-01:45Z) do not fire again.
        assertThat(quarterly.next(at("2025-10-25T23:50:00Z"), 6)).containsExactly(
                at("2025-10-26T00:00:00Z"), at("2025-10-26T00:15:00Z"), at("2025-10-26T00:30:00Z"), at("2025-10-26T00:45:00Z"),
                at("2025-10-26T02:00:00Z"), at("2025-10-26T02:15:00Z"));
        assertThat(quarterly.next(at("2025-10-26T01:20:00Z"))).hasValue(at("2025-10-26T02:00:00Z"));
    }

    @Test
    void every_quarter_hour_through_a_gap_fires_once_after_it() {
        CronSchedule quarterly = schedule("0 0/15 * * * ?", "Europe/London");

        assertThat(quarterly.next(at("2025-03-30T00:40:00Z"), 3)).containsExactly(
                at("2025-03-30T00:45:00Z"), at("2025-03-30T01:00:00Z"), at("2025-03-30T01:15:00Z"));
    }

    @Test
    void new_york_both_directions() {
        CronSchedule daily = schedule("0 30 2 * * ?", "America/New_York");

        // 2025-03-09: 02:00 EST becomes 03:00 EDT; 02:30 fires at 03:00 EDT.
        assertThat(daily.next(at("2025-03-08T12:00:00Z"), 3))
                .containsExactly(at("2025-03-09T07:00:00Z"), at("2025-03-10T06:30:00Z"), at("2025-03-11T06:30:00Z"));
        // 2025-11-02: 02:00 EDT becomes 01:00 EST; 02:30 exists once (EST), 01:30 twice.
        assertThat(daily.next(at("2025-11-01T12:00:00Z"), 2)).containsExactly(at("2025-11-02T07:30:00Z"), at("2025-11-03T07:30:00Z"));
        assertThat(schedule("0 30 1 * * ?", "America/New_York").next(at("2025-11-01T12:00:00Z"), 2))
                .containsExactly(at("2025-11-02T05:30:00Z"), at("2025-11-03T06:30:00Z"));
    }

    @Test
    void sao_paulo_midnight_both_directions() {
        CronSchedule midnight = schedule("0 0 0 * * ?", "America/Sao_Paulo");

        // 2018-11-04: midnight -03 became 01:00 -02; that day's midnight fires at 01:00 -02.
        assertThat(midnight.next(at("2018-11-03T12:00:00Z"), 2)).containsExactly(at("2018-11-04T03:00:00Z"), at("2018-11-05T02:00:00Z"));
        // 2019-02-17: midnight -02 became 23:00 -03 on the 16th; 23:30 on the 16th happened twice, midnight once.
        assertThat(midnight.next(at("2019-02-15T12:00:00Z"), 2)).containsExactly(at("2019-02-16T02:00:00Z"), at("2019-02-17T03:00:00Z"));
        assertThat(schedule("0 30 23 * * ?", "America/Sao_Paulo").next(at("2019-02-16T12:00:00Z"), 2))
                .containsExactly(at("2019-02-17T01:30:00Z"), at("2019-02-18T02:30:00Z"));
    }

    @Test
    void fixed_offset_zones_are_used_as_written_not_as_gmt() {
        assertThat(schedule("0 0 9 ? * MON", "UTC+05:30").next(at("2026-07-01T00:00:00Z"))).hasValue(at("2026-07-06T03:30:00Z"));
        assertThat(schedule("0 0 9 ? * MON", "GMT+1").next(at("2026-07-01T00:00:00Z"))).hasValue(at("2026-07-06T08:00:00Z"));
        assertThat(schedule("0 0 9 ? * MON", "-03:00").next(at("2026-07-01T00:00:00Z"))).hasValue(at("2026-07-06T12:00:00Z"));
    }

    @Test
    void a_fire_time_after_a_gap_is_described_in_the_zone_and_says_why() {
        CronSchedule weekly = schedule("0 30 1 ? * SUN", "Europe/London");

        assertThat(weekly.describe(at("2025-03-30T01:00:00Z")))
                .isEqualTo("Sun 2025-03-30 02:00 +01:00 (2025-03-30T01:00:00Z, the first instant after the clocks went forward)");
        assertThat(weekly.describe(at("2025-04-06T00:30:00Z"))).isEqualTo("Sun 2025-04-06 01:30 +01:00 (2025-04-06T00:30:00Z)");
    }

    @Test
    void a_schedule_that_never_fires_again_has_no_next_time() {
        assertThat(schedule("0 0 9 1 1 ? 2020", "UTC").next(at("2026-07-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void a_bad_expression_names_digest_cron() {
        assertThatThrownBy(() -> schedule("every monday", "UTC")).isInstanceOf(BadInputException.class).hasMessageContaining("DIGEST_CRON");
    }
}
