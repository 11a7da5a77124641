package org.paperdigest.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.paperdigest.config.BadInputException;
import org.paperdigest.config.Config;

class DigestScheduleTest {

    @Test
    void the_default_schedule_is_monday_at_nine_utc() {
        DigestSchedule schedule = new DigestSchedule(Config.DEFAULT_CRON, ZoneId.of("UTC"));

        assertThat(schedule.next(Instant.parse("2026-07-01T10:00:00Z"))).hasValue(Instant.parse("2026-07-06T09:00:00Z"));
        assertThat(schedule.describeNext(Instant.parse("2026-07-06T08:59:59Z"))).isEqualTo("Monday 6 July 2026 at 09:00 (UTC)");
        assertThat(schedule.describeNext(Instant.parse("2026-07-06T09:00:00Z"))).isEqualTo("Monday 13 July 2026 at 09:00 (UTC)");
    }

    @Test
    void the_time_is_read_in_the_digest_time_zone() {
        DigestSchedule schedule = new DigestSchedule("0 30 8 ? * FRI", ZoneId.of("Europe/Berlin"));

        assertThat(schedule.next(Instant.parse("2026-07-01T10:00:00Z"))).hasValue(Instant.parse("2026-07-03T06:30:00Z"));
        assertThat(schedule.describeNext(Instant.parse("2026-07-01T10:00:00Z"))).isEqualTo("Friday 3 July 2026 at 08:30 (Europe/Berlin)");
    }

    @Test
    void a_bad_expression_names_digest_cron() {
        assertThatThrownBy(() -> new DigestSchedule("every monday", ZoneId.of("UTC")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("DIGEST_CRON");
    }

    @Test
    void a_schedule_that_never_fires_again_says_so_plainly() {
        DigestSchedule schedule = new DigestSchedule("0 0 9 1 1 ? 2020", ZoneId.of("UTC"));

        assertThat(schedule.describeNext(Instant.parse("2026-07-01T10:00:00Z"))).isEqualTo("when the editor sends the next issue");
    }
}
