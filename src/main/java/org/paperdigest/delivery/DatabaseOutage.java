package org.paperdigest.delivery;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.paperdigest.db.Outages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits out a database outage for the senders of one dispatch: a step that fails because the
 * database cannot be reached is tried again, with a growing pause, until it succeeds or the
 * database has been unreachable for {@code DIGEST_DB_OUTAGE_GRACE}. Meanwhile nothing new is
 * claimed or sent; what could not be recorded stays in memory with the step that retries it.
 */
final class DatabaseOutage {
    private static final Logger log = LoggerFactory.getLogger(DatabaseOutage.class);
    private static final long UP = Long.MIN_VALUE;

    /** The database stayed unreachable for longer than the grace: the dispatch must stop. */
    static final class TooLong extends RuntimeException {
        TooLong(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final int issue;
    private final Duration grace;
    private final Progress progress;
    private final AtomicLong downSince = new AtomicLong(UP);

    DatabaseOutage(int issue, Duration grace, Progress progress) {
        this.issue = issue;
        this.grace = grace;
        this.progress = progress;
    }

    /**
     * Runs {@code step}, trying again while the database is unreachable; {@code what} names the step
     * in the log. Other failures are thrown at once; an outage longer than the grace as {@link TooLong}.
     */
    <T> T retry(String what, Supplier<T> step) throws InterruptedException {
        for (int tries = 0; ; tries++) {
            try {
                T result = step.get();
                back();
                return result;
            } catch (RuntimeException e) {
                if (e instanceof TooLong || !Outages.isOutage(e)) {
                    throw e;
                }
                long since = down(what, e);
                long waited = System.nanoTime() - since;
                if (waited >= grace.toNanos()) {
                    throw new TooLong("the database was unreachable for more than " + seconds(grace)
                            + " (DIGEST_DB_OUTAGE_GRACE) while " + what + ": " + e.getMessage(), e);
                }
                long pause = Math.min(Math.min(250L << Math.min(tries, 5), 5_000), (grace.toNanos() - waited) / 1_000_000 + 1);
                Thread.sleep(pause);
            }
        }
    }

    /** Runs a step that returns nothing, as {@link #retry}. */
    void run(String what, Runnable step) throws InterruptedException {
        retry(what, () -> {
            step.run();
            return null;
        });
    }

    /** True while an outage is going on. */
    boolean ongoing() {
        return downSince.get() != UP;
    }

    private long down(String what, RuntimeException e) {
        long now = System.nanoTime();
        if (downSince.compareAndSet(UP, now)) {
            log.warn("Issue {}: cannot reach the database while {}: {}; nothing more is claimed or sent, unrecorded"
                    + " marks are kept and retried for up to {} (DIGEST_DB_OUTAGE_GRACE)", issue, what, e.getMessage(), seconds(grace));
            progress.paused("the database is unreachable (" + e.getMessage() + "); waiting up to " + seconds(grace));
            return now;
        }
        return downSince.get();
    }

    private void back() {
        long since = downSince.get();
        if (since != UP && downSince.compareAndSet(since, UP)) {
            log.info("Issue {}: the database is reachable again after {} s; resuming", issue,
                    (System.nanoTime() - since) / 1_000_000_000L);
        }
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + " s";
    }
}
