package org.paperdigest.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.paperdigest.config.CronSchedule;
import org.paperdigest.delivery.FireTimes;

/**
 * Answers "which issue is due" from DIGEST_CRON in DIGEST_TIMEZONE, with DIGEST_MISFIRE_GRACE,
 * counting only fire times after the schedule was armed in this database: an installation never
 * sends for a time before it existed.
 */
public final class CronFireTimes implements FireTimes {
    private static final int MAX_LISTED = 60;

    private final CronSchedule schedule;
    private final Duration grace;
    private final Instant armedAt;

    /** @param armedAt when this schedule was first armed in the database (fire times up to it are never due) */
    public CronFireTimes(CronSchedule schedule, Duration grace, Instant armedAt) {
        this.schedule = schedule;
        this.grace = grace;
        this.armedAt = armedAt;
    }

    @Override
    public Optional<Instant> latestDue(Instant now) {
        Instant from = later(now.minus(grace).minusMillis(1), armedAt);
        Instant latest = null;
        Optional<Instant> t = schedule.next(from);
        while (t.isPresent() && !t.get().isAfter(now)) {
            latest = t.get();
            t = schedule.next(latest);
        }
        return Optional.ofNullable(latest);
    }

    @Override
    public List<Instant> missedBefore(Instant since, Instant now) {
        List<Instant> missed = new ArrayList<>();
        Instant windowStart = now.minus(grace);
        Optional<Instant> t = schedule.next(later(since, armedAt));
        while (t.isPresent() && t.get().isBefore(windowStart) && missed.size() < MAX_LISTED) {
            missed.add(t.get());
            t = schedule.next(t.get());
        }
        return missed;
    }

    @Override
    public Optional<Instant> next(Instant after) {
        return schedule.next(after);
    }

    @Override
    public String describe(Instant at) {
        return schedule.describe(at);
    }

    public CronSchedule schedule() {
        return schedule;
    }

    public Instant armedAt() {
        return armedAt;
    }

    private static Instant later(Instant a, Instant b) {
        return b != null && b.isAfter(a) ? b : a;
    }
}
