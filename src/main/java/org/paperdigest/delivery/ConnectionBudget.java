package org.paperdigest.delivery;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many SMTP connections the senders of one dispatch may hold at once. It starts at the pool
 * size; when the server refuses a connection at the greeting while others of ours are working, it
 * shrinks to what the server accepts, and grows back by one at a time after {@code growAfter}.
 * A sender without a slot claims nothing, so no rows wait on a sender that cannot send.
 */
final class ConnectionBudget {
    private static final Logger log = LoggerFactory.getLogger(ConnectionBudget.class);

    private final int issue;
    private final int max;
    private final Duration growAfter;
    private final LongSupplier nanoTime;
    private int allowed;
    private int open;
    private long changedAt;

    ConnectionBudget(int issue, int max, Duration growAfter) {
        this(issue, max, growAfter, System::nanoTime);
    }

    /** A budget reading the time from {@code nanoTime} (tests move it by hand). */
    ConnectionBudget(int issue, int max, Duration growAfter, LongSupplier nanoTime) {
        this.issue = issue;
        this.max = max;
        this.allowed = max;
        this.growAfter = growAfter;
        this.nanoTime = nanoTime;
        this.changedAt = nanoTime.getAsLong();
    }

    /** True when a sender without a connection may open one (it should not claim rows otherwise). */
    synchronized boolean available() {
        grow();
        return open < allowed;
    }

    /** Takes a slot for a connection about to be opened; false when the budget is used up. */
    synchronized boolean take() {
        grow();
        if (open >= allowed) {
            return false;
        }
        open++;
        return true;
    }

    /** Gives back the slot of a connection that closed or could not be opened. */
    synchronized void give() {
        open = Math.max(0, open - 1);
    }

    /**
     * Notes that the server refused a connection at the greeting (after {@link #give}); returns
     * true when other connections of ours are working, so the budget shrank to them, and false
     * when none is: then the server is simply unavailable.
     */
    synchronized boolean refused(String reply) {
        if (open == 0) {
            return false;
        }
        if (open < allowed) {
            log.warn("Issue {}: the SMTP server accepts {} connections at a time, not {} ({}); sending on {}, trying one more"
                    + " after {} s", issue, open, allowed, reply, open, growAfter.toSeconds());
            allowed = open;
        }
        changedAt = nanoTime.getAsLong();
        return true;
    }

    private void grow() {
        long now = nanoTime.getAsLong();
        if (allowed < max && now - changedAt >= growAfter.toNanos()) {
            allowed++;
            changedAt = now;
            log.info("Issue {}: trying {} SMTP connections again", issue, allowed);
        }
    }
}
