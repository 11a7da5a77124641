package org.paperdigest.schedule;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.paperdigest.Service;
import org.paperdigest.inbound.BounceMailbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the bounce mailbox every BOUNCE_POLL_INTERVAL while {@code run} runs. A plain scheduled
 * executor, not a Quartz job: each instance may poll (a report is counted once however many read
 * it), so nothing needs cluster-wide scheduling, and it stays out of the digest's Quartz scheduler.
 */
public final class BouncePolling implements Service {
    private static final Logger log = LoggerFactory.getLogger(BouncePolling.class);

    private final BounceMailbox mailbox;
    private final Duration every;
    private ScheduledExecutorService executor;

    public BouncePolling(BounceMailbox mailbox, Duration every) {
        this.mailbox = mailbox;
        this.every = every;
    }

    @Override
    public String name() {
        return "bounce mailbox " + mailbox.describe() + " (every " + every.toSeconds() + " s)";
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bounce-poller");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::pollOnce, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Polls once; a failure is logged and the next poll tries again. */
    void pollOnce() {
        try {
            BounceMailbox.Poll p = mailbox.poll();
            if (p.read() > 0) {
                log.info("Bounce mailbox: read {}, recorded {} bounces, {} subscribers now bounced, {} left for a human, {} failed",
                        p.read(), p.recorded(), p.subscribersBounced(), p.leftForHumans(), p.failed());
            }
        } catch (Exception e) {
            log.warn("Cannot read the bounce mailbox {}: {}", mailbox.describe(), e.getMessage());
        }
    }

    @Override
    public synchronized void stop() throws InterruptedException {
        if (executor != null) {
            executor.shutdown();
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        }
    }
}
