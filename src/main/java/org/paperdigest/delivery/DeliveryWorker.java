package org.paperdigest.delivery;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.paperdigest.Service;
import org.paperdigest.db.Outages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sending side of {@code run}: catches up on a missed issue at start, then keeps sending
 * whatever issue is unfinished — one this instance started, one another instance started, or one a
 * crash left half-done. Every instance runs one, so all of them share the sending of each issue.
 */
public final class DeliveryWorker implements Service {
    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final SendService sends;
    private final FireTimes fireTimes;
    private final SendPolicy policy;
    private final Duration poll;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Semaphore wake = new Semaphore(0);
    private Thread thread;

    public DeliveryWorker(SendService sends, FireTimes fireTimes, SendPolicy policy, Duration poll) {
        this.sends = sends;
        this.fireTimes = fireTimes;
        this.policy = policy;
        this.poll = poll;
    }

    @Override
    public String name() {
        return "delivery worker (" + policy.senders() + " SMTP connections)";
    }

    @Override
    public void start() {
        thread = new Thread(this::loop, "delivery-worker");
        thread.start();
    }

    /** Starts the issue due at a fire time (the scheduler calls this) and sends it. */
    public void fire(java.time.Instant fireTime) {
        Optional<Issue> issue = sends.startScheduled(fireTime, fireTimes);
        issue.ifPresent(i -> log.info("Issue {} is ready to send", i.number()));
        wake.release();
    }

    private void loop() {
        while (!stop.get()) {
            try {
                Optional<Issue> open = sends.unfinished();
                if (open.isEmpty()) {
                    // Nothing to finish: an issue due while we were down (or deferred behind the last one)?
                    open = sends.catchUp(fireTimes);
                }
                if (open.isPresent()) {
                    Issue issue = open.get();
                    DispatchResult r = sends.dispatch(issue, policy, 0, Progress.NONE, stop);
                    if (r.stopReason() != null) {
                        log.warn("Issue {}: sending stopped: {}; trying again in {} s", r.issue(), r.stopReason(), poll.toSeconds());
                    }
                    if (r.sent() + r.failed() + r.retried() + r.skipped() > 0 && r.open() >= 0) {
                        log.info("Issue {}: sent {}, failed {}, retrying {}, skipped {} in {} s ({} still open)",
                                r.issue(), r.sent(), r.failed(), r.retried(), r.skipped(), r.elapsed().toSeconds(), r.open());
                    }
                    if (r.open() == 0) {
                        continue; // finished: look for a deferred issue straight away
                    }
                }
                wake.tryAcquire(poll.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // A database hiccup must not kill the service: log, wait, try again.
                if (Outages.isOutage(e)) {
                    log.warn("Delivery worker: the database is unreachable ({}); retrying in {} s", e.getMessage(), poll.toSeconds());
                } else {
                    log.error("Delivery worker: {}; retrying in {} s", e.getMessage(), poll.toSeconds(), e);
                }
                try {
                    Thread.sleep(poll.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Stops taking new messages, lets the ones in flight finish, and returns within about 30 seconds. */
    @Override
    public void stop() throws InterruptedException {
        stop.set(true);
        wake.release();
        if (thread != null) {
            thread.join(30_000);
        }
    }
}
