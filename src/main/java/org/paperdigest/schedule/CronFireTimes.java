package org.paperdigest.schedule;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import org.paperdigest.delivery.FireTimes;
import org.quartz.CronExpression;

/** Answers "which issue is due" from DIGEST_CRON in DIGEST_TIMEZONE, with DIGEST_MISFIRE_GRACE. */
public final class CronFireTimes implements FireTimes {
    private static final int MAX_LISTED = 60;

    private final CronExpression cron;
    private final Duration grace;

    public CronFireTimes(String expression, ZoneId zone, Duration grace) {
        try {
            this.cron = new CronExpression(expression);
        } catch (ParseException e) {
            throw new IllegalArgumentException("Bad cron expression " + expression + ": " + e.getMessage(), e);
        }
        this.cron.setTimeZone(TimeZone.getTimeZone(zone));
        this.grace = grace;
    }

    @Override
    public Optional<Instant> latestDue(Instant now) {
        Instant latest = null;
        Date t = cron.getTimeAfter(Date.from(now.minus(grace).minusMillis(1)));
        while (t != null && !t.toInstant().isAfter(now)) {
            latest = t.toInstant();
            t = cron.getTimeAfter(t);
        }
        return Optional.ofNullable(latest);
    }

    @Override
    public List<Instant> missedBefore(Instant since, Instant now) {
        List<Instant> missed = new ArrayList<>();
        Instant windowStart = now.minus(grace);
        Date t = cron.getTimeAfter(Date.from(since));
        while (t != null && t.toInstant().isBefore(windowStart) && missed.size() < MAX_LISTED) {
            missed.add(t.toInstant());
            t = cron.getTimeAfter(t);
        }
        return missed;
    }

    /** The next fire time after {@code after}, for the log line at start. */
    public Optional<Instant> next(Instant after) {
        return Optional.ofNullable(cron.getTimeAfter(Date.from(after))).map(Date::toInstant);
    }
}
