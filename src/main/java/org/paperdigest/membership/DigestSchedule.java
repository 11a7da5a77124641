package org.paperdigest.membership;

import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;
import org.paperdigest.config.BadInputException;
import org.quartz.CronExpression;

/**
 * When the weekly digest goes out: DIGEST_CRON (a Quartz cron expression) in DIGEST_TIMEZONE.
 * Tells a new reader when their first issue arrives.
 */
public final class DigestSchedule {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm", Locale.ENGLISH);

    private final String cron;
    private final ZoneId zone;

    /** Checks the expression; a bad one fails with a message naming DIGEST_CRON. */
    public DigestSchedule(String cron, ZoneId zone) {
        this.cron = cron;
        this.zone = zone;
        expression();
    }

    /** Returns the first fire time strictly after {@code after}, if the expression ever fires again. */
    public Optional<Instant> next(Instant after) {
        Date next = expression().getNextValidTimeAfter(Date.from(after));
        return Optional.ofNullable(next).map(Date::toInstant);
    }

    /** Says when the next issue goes out, for a reader: "Monday 6 July 2026 at 09:00 (UTC)". */
    public String describeNext(Instant after) {
        return next(after).map(this::describe).orElse("when the editor sends the next issue");
    }

    String describe(Instant when) {
        return WHEN.format(when.atZone(zone)) + " (" + zone.getId() + ")";
    }

    // CronExpression is mutable and not thread-safe: make one per use (they are cheap).
    private CronExpression expression() {
        try {
            CronExpression e = new CronExpression(cron);
            e.setTimeZone(TimeZone.getTimeZone(zone));
            return e;
        } catch (ParseException e) {
            throw new BadInputException("DIGEST_CRON must be a Quartz cron expression such as '0 0 9 ? * MON'"
                    + " (seconds minutes hours day-of-month month day-of-week), got '" + cron + "': " + e.getMessage(), e);
        }
    }
}
