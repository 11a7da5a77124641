package org.paperdigest.membership;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Token buckets (bucket4j) per key, in memory: per client address on the web form, per sender on
 * the request mailbox. Each key gets every {@link Rule} at once (a burst limit and a daily one,
 * say). At most {@code maxKeys} keys are remembered, least recently used first out, so a flood
 * of addresses cannot exhaust memory. Time comes from the injected clock, so tests can move it.
 */
public final class RequestLimit {

    /** {@code count} requests per {@code period}, refilled smoothly (one every period / count). */
    public record Rule(long count, Duration period) {
        public Rule {
            if (count < 1 || period.isZero() || period.isNegative()) {
                throw new IllegalArgumentException("a rate limit needs a positive count and period");
            }
        }
    }

    /** The answer for one request: allowed, or refused until {@code retryAfter} has passed. */
    public record Decision(boolean allowed, Duration retryAfter) {}

    private final List<Rule> rules;
    private final TimeMeter time;
    private final Map<String, Bucket> buckets;

    public RequestLimit(Clock clock, int maxKeys, List<Rule> rules) {
        this.rules = List.copyOf(rules);
        this.time = new ClockTime(clock);
        this.buckets = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /** Takes one token for {@code key} if every rule has one left. */
    public Decision tryAcquire(String key) {
        Bucket bucket;
        synchronized (buckets) {
            bucket = buckets.computeIfAbsent(key, k -> newBucket());
        }
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return new Decision(true, Duration.ZERO);
        }
        return new Decision(false, Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** The rules, for pages and documentation. */
    public List<Rule> rules() {
        return rules;
    }

    private Bucket newBucket() {
        LocalBucketBuilder b = Bucket.builder().withCustomTimePrecision(time);
        for (Rule r : rules) {
            b.addLimit(limit -> limit.capacity(r.count()).refillGreedy(r.count(), r.period()));
        }
        return b.build();
    }

    /** Reads bucket4j's time from a {@link Clock}. */
    private record ClockTime(Clock clock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            return clock.millis() * 1_000_000L;
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
