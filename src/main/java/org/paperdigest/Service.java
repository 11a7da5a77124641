package org.paperdigest;

/** A long-running part of {@code run} (the scheduler, the web server, a mailbox poller). */
public interface Service {
    /** A short name for logs. */
    String name();

    /** Starts the service; returns once it is running. */
    void start() throws Exception;

    /** Stops the service, letting work in flight finish within a bounded time. */
    void stop() throws Exception;
}
