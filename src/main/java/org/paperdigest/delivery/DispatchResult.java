package org.paperdigest.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * What one dispatch did: messages settled in this run by outcome, how long it took, and why it
 * stopped early if it did ({@code stopReason} null means it ran out of work or hit its limit).
 * {@code open} is what the issue still has pending or waiting to retry (-1 when the database could
 * not be asked: it was unreachable at the end), {@code nextRetry} when the
 * first of those is due. {@code stoppedByConfiguration} says the stop was a configuration problem
 * (the SMTP login was refused), not a passing one.
 */
public record DispatchResult(
        int issue,
        long sent,
        long retried,
        long failed,
        long skipped,
        Duration elapsed,
        String stopReason,
        long open,
        Instant nextRetry,
        boolean stoppedByConfiguration) {

    public double messagesPerSecond() {
        double s = elapsed.toMillis() / 1000.0;
        return s <= 0 ? 0 : sent / s;
    }

    public boolean issueFinished() {
        return open == 0;
    }
}
