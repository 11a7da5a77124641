package org.paperdigest.web;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the mail work a page causes after the page is answered, one job at a time. The answer to
 * a subscribe request then takes the same time whether or not a mail goes out, so response times
 * do not tell who is on the list either. The queue is bounded: past it, work is dropped and logged.
 */
final class Background {
    private static final Logger log = LoggerFactory.getLogger(Background.class);
    private static final int QUEUE = 1000;

    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE), r -> {
                Thread t = new Thread(r, "web-mail");
                t.setDaemon(true);
                return t;
            });

    /** Queues work; returns false if the queue is full (the work is dropped). */
    boolean submit(String what, Runnable work) {
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    log.error("Background work failed: {}", what, e);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            log.warn("Dropped background work, the queue of {} is full: {}", QUEUE, what);
            return false;
        }
    }

    /** Waits until everything queued so far has run (tests use this). */
    void awaitIdle(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        executor.submit(() -> { }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Lets queued work finish within {@code grace}, then stops. */
    void stop(Duration grace) throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            log.warn("Stopped with {} mail jobs still queued", executor.getQueue().size());
            executor.shutdownNow();
        }
    }
}
