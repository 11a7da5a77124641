package org.paperdigest.delivery;

/** Holds back senders so the SMTP rate limits are kept. */
public interface Throttle {
    /** Blocks until one message to {@code domain} may be sent. */
    void acquire(String domain) throws InterruptedException;

    Throttle NONE = domain -> { };
}
