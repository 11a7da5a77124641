package org.paperdigest.delivery;

import io.github.bucket4j.BlockingBucket;
import io.github.bucket4j.Bucket;
import java.time.Duration;

/**
 * Keeps all senders of this process together under {@code SMTP_RATE_PER_SECOND} messages a
 * second, evenly spaced: a token bucket that holds one token, so there are no bursts.
 */
public final class RateThrottle implements Throttle {
    private final BlockingBucket bucket;

    private RateThrottle(double perSecond) {
        long nanosPerMessage = Math.max(1, Math.round(1_000_000_000 / perSecond));
        this.bucket = Bucket.builder()
                .addLimit(limit -> limit.capacity(1).refillGreedy(1, Duration.ofNanos(nanosPerMessage)))
                .build()
                .asBlocking();
    }

    /** Returns a throttle for {@code perSecond} messages a second, or {@link Throttle#NONE} when it is 0 (no limit). */
    public static Throttle perSecond(double perSecond) {
        return perSecond > 0 ? new RateThrottle(perSecond) : Throttle.NONE;
    }

    @Override
    public void acquire(String domain) throws InterruptedException {
        bucket.consume(1);
    }
}
