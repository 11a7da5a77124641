package org.paperdigest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the services of {@code run} in order and stops them in reverse. A stop (SIGTERM) wins at
 * any point of start-up: the service starting when it comes finishes starting and is stopped with
 * the others, and nothing starts after it.
 */
public final class ServiceGroup {
    private static final Logger log = LoggerFactory.getLogger(ServiceGroup.class);

    private final AtomicBoolean stopping = new AtomicBoolean();
    private final List<Service> started = new ArrayList<>();

    /**
     * Starts {@code services} in order unless a stop has begun; returns false when a stop cut
     * start-up short. A service that fails to start stops those already started and rethrows.
     */
    public boolean start(List<Service> services) throws Exception {
        for (Service s : services) {
            // One lock for starting a service and for the stop taking the list: a stop waits for the
            // start in progress, and a start never begins once the stop has.
            synchronized (this) {
                if (stopping.get()) {
                    return false;
                }
                try {
                    s.start();
                } catch (Exception e) {
                    stopping.set(true);
                    stopStarted();
                    throw e;
                }
                started.add(s);
            }
            log.info("Started {}", s.name());
        }
        return !stopping.get();
    }

    /** Says whether a stop has begun. */
    public boolean stopping() {
        return stopping.get();
    }

    /** Stops every started service in reverse order; no service starts after this is called. */
    public void stop() {
        stopping.set(true);
        synchronized (this) {
            stopStarted();
        }
    }

    private void stopStarted() {
        List<Service> reverse = new ArrayList<>(started);
        started.clear();
        Collections.reverse(reverse);
        for (Service s : reverse) {
            try {
                s.stop();
                log.info("Stopped {}", s.name());
            } catch (Exception e) {
                log.warn("Stopping {} failed: {}", s.name(), e.toString());
            }
        }
    }
}
