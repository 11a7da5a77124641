package org.paperdigest.subscribers;

/**
 * The two opt-outs that bounce and complaint reports cause. The consent rules own the status of a
 * reader; whatever implements this applies them (and records why). {@link #viaStore} is the plain
 * implementation on the subscriber store.
 */
public interface OptOuts {

    /** The reader's address keeps failing: stop mailing it. Returns true if the reader's status changed. */
    boolean bounced(long subscriberId, String detail);

    /** The reader reported a digest as spam: stop mailing them at once. Returns true if the status changed. */
    boolean complained(long subscriberId, String detail);

    /** Applies the opt-outs with the store's own updates; a complaint unsubscribes the reader. */
    static OptOuts viaStore(SubscriberStore store) {
        return new OptOuts() {
            @Override
            public boolean bounced(long subscriberId, String detail) {
                return store.markBounced(subscriberId);
            }

            @Override
            public boolean complained(long subscriberId, String detail) {
                return store.unsubscribe(subscriberId);
            }
        };
    }
}
