package org.paperdigest.delivery;

import java.time.Duration;

/**
 * How a dispatch behaves: how many senders, how long a claim lasts, how retries back off, and
 * whether it gives up when the SMTP server is down (a one-off {@code send}) or waits for it to come
 * back (the {@code run} service), and how long it waits for an unreachable database before it stops.
 */
public record SendPolicy(
        int senders,
        int claimBatch,
        int maxAttempts,
        int maxMessagesPerConnection,
        Duration retryDelay,
        Duration lease,
        Duration waitForRetries,
        boolean giveUpWhenServerDown,
        Duration serverDownPatience,
        Duration dbOutageGrace) {

    public SendPolicy {
        if (senders < 1 || claimBatch < 1 || maxAttempts < 1 || maxMessagesPerConnection < 1) {
            throw new IllegalArgumentException("senders, claim batch, attempts and messages per connection must be positive");
        }
    }

    /** Backoff before retry number {@code attempt} (1-based): doubling from the retry delay, at most an hour. */
    Duration backoff(int attempt) {
        long base = retryDelay.toMillis();
        long ms = base << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(ms, Duration.ofHours(1).toMillis()));
    }
}
