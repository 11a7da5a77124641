package org.paperdigest.config;

import java.text.ParseException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * Reads DIGEST_CRON as wall-clock times in DIGEST_TIMEZONE and turns them into instants with
 * {@code java.time} rules: a time that does not exist that day (clocks go forward) fires at the
 * first instant after the gap; a time that happens twice (clocks go back) fires once, the first
 * time. Any zone {@link ZoneId} accepts works, fixed offsets such as {@code UTC+05:30} included:
 * the zone is never turned into a legacy {@link TimeZone}, which falls back to GMT without a word.
 */
public final class CronSchedule {
    /** A bound on the wall-clock times looked at for one answer; only a broken expression reaches it. */
    private static final int MAX_STEPS = 100_000;

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm xxx", Locale.ENGLISH);

    private final String expression;
    private final ZoneId zone;
    // Evaluated in UTC, where every wall-clock time exists exactly once; the zone is applied after.
    private final CronExpression wallClock;

    /** Checks the expression; a bad one fails with a message naming DIGEST_CRON. */
    public CronSchedule(String expression, ZoneId zone) {
        this.expression = expression;
        this.zone = zone;
        try {
            this.wallClock = new CronExpression(expression);
        } catch (ParseException e) {
            throw new BadInputException("DIGEST_CRON must be a Quartz cron expression such as '" + Config.DEFAULT_CRON
                    + "' (seconds minutes hours day-of-month month day-of-week), got '" + expression + "': " + e.getMessage(), e);
        }
        this.wallClock.setTimeZone(TimeZone.getTimeZone(ZoneOffset.UTC));
    }

    public String expression() {
        return expression;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Returns the first fire time strictly after {@code after}, if the expression ever fires again. */
    public Optional<Instant> next(Instant after) {
        ZoneRules rules = zone.getRules();
        LocalDateTime from = LocalDateTime.ofInstant(after, zone);
        ZoneOffsetTransition last = rules.previousTransition(after.plusNanos(1));
        if (last != null && last.isOverlap() && after.isBefore(last.getInstant().minus(last.getDuration()))) {
            // The second pass through repeated times: they fired the first time round.
            LocalDateTime endOfRepeat = last.getDateTimeBefore().minusSeconds(1);
            from = from.isBefore(endOfRepeat) ? endOfRepeat : from;
        }
        for (int i = 0; i < MAX_STEPS; i++) {
            Optional<LocalDateTime> local = nextWallClock(from);
            if (local.isEmpty()) {
                return Optional.empty();
            }
            Instant at = instantOf(local.get(), rules);
            if (at.isAfter(after)) {
                return Optional.of(at);
            }
            from = local.get();
        }
        return Optional.empty();
    }

    /** Returns up to {@code n} fire times after {@code after}, in order. */
    public List<Instant> next(Instant after, int n) {
        List<Instant> out = new ArrayList<>();
        Optional<Instant> t = next(after);
        while (t.isPresent() && out.size() < n) {
            out.add(t.get());
            t = next(t.get());
        }
        return out;
    }

    /**
     * Says when a fire time is in the digest's zone, and why when the time set did not exist that
     * day: {@code "Sun 2025-03-30 02:00 +01:00 (2025-03-30T01:00:00Z, the first instant after the clocks went forward)"}.
     */
    public String describe(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        ZoneOffsetTransition last = zone.getRules().previousTransition(at.plusNanos(1));
        boolean afterGap = last != null && last.isGap() && last.getInstant().equals(at);
        return WHEN.format(local) + " (" + at + (afterGap ? ", the first instant after the clocks went forward" : "") + ")";
    }

    private synchronized Optional<LocalDateTime> nextWallClock(LocalDateTime after) {
        Date next = wallClock.getTimeAfter(Date.from(after.toInstant(ZoneOffset.UTC)));
        return Optional.ofNullable(next).map(d -> LocalDateTime.ofInstant(d.toInstant(), ZoneOffset.UTC));
    }

    private static Instant instantOf(LocalDateTime local, ZoneRules rules) {
        ZoneOffsetTransition gap = rules.getTransition(local);
        if (gap != null && gap.isGap()) {
            return gap.getInstant();
        }
        // In an overlap the earlier offset comes first: the time fires the first time it happens.
        return local.atOffset(rules.getValidOffsets(local).get(0)).toInstant();
    }

    @Override
    public String toString() {
        return "'" + expression + "' in " + zone.getId();
    }
}
