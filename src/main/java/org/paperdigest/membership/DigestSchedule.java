package org.paperdigest.membership;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.paperdigest.config.CronSchedule;

/**
 * When the weekly digest goes out: DIGEST_CRON (a Quartz cron expression) in DIGEST_TIMEZONE, read as
 * {@link CronSchedule} reads it (the same fire times as the schedule, across clock changes too).
 * Tells a new reader when their first issue arrives.
 */
public final class DigestSchedule {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm", Locale.ENGLISH);

    private final CronSchedule schedule;
    private final ZoneId zone;

    /** Checks the expression; a bad one fails with a message naming DIGEST_CRON. */
    public DigestSchedule(String cron, ZoneId zone) {
        this.schedule = new CronSchedule(cron, zone);
        this.zone = zone;
    }

    /** Returns the first fire time strictly after {@code after}, if the expression ever fires again. */
    public Optional<Instant> next(Instant after) {
        return schedule.next(after);
    }

    /** Says when the next issue goes out, for a reader: "Monday 6 July 2026 at 09:00 (UTC)". */
    public String describeNext(Instant after) {
        return next(after).map(this::describe).orElse("when the editor sends the next issue");
    }

    String describe(Instant when) {
        return WHEN.format(when.atZone(zone)) + " (" + zone.getId() + ")";
    }
}
