package org.paperdigest.subscribers;

import java.util.Locale;

/** Where a subscriber is in their life: pending → active → unsubscribed | bounced. */
public enum SubscriberStatus {
    PENDING, ACTIVE, UNSUBSCRIBED, BOUNCED;

    /** The lower-case name stored in the database and shown to users. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SubscriberStatus fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
