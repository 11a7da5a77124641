package org.paperdigest.delivery;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps this instance under SMTP_RATE_PER_SECOND overall and under the per-domain limits of
 * SMTP_DOMAIN_RATE (large receivers throttle each sender), with bucket4j token buckets. Limits
 * are per instance: with several instances, divide the rates among them.
 */
public final class RateLimits implements Throttle {
    private final Bucket global;
    private final Map<String, Bucket> domains = new HashMap<>();

    public RateLimits(double perSecond, Map<String, Double> perDomain) {
        this.global = perSecond > 0 ? bucket(perSecond) : null;
        perDomain.forEach((domain, rate) -> domains.put(domain, bucket(rate)));
    }

    /** Returns a throttle, or {@link Throttle#NONE} when no limit is configured. */
    public static Throttle of(double perSecond, Map<String, Double> perDomain) {
        return perSecond <= 0 && perDomain.isEmpty() ? Throttle.NONE : new RateLimits(perSecond, perDomain);
    }

    private static Bucket bucket(double perSecond) {
        // One token, refilled every 1/rate seconds: messages are evenly spaced, never bursty.
        long nanosPerMessage = Math.max(1, Math.round(1_000_000_000 / perSecond));
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(1).refillGreedy(1, Duration.ofNanos(nanosPerMessage)).build())
                .build();
    }

    @Override
    public void acquire(String domain) throws InterruptedException {
        Bucket d = domains.get(domain);
        if (d != null) {
            d.asBlocking().consume(1);
        }
        if (global != null) {
            global.asBlocking().consume(1);
        }
    }
}
