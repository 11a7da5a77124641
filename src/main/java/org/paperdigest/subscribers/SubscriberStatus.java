package org.paperdigest.subscribers;

import java.util.Locale;

/**
 * Where a subscriber is in their life: pending → active → unsubscribed | bounced | complained.
 * The last three are "left": only the person's own fresh double opt-in brings them back (see {@link Consent}).
 */
public enum SubscriberStatus {
    PENDING, ACTIVE, UNSUBSCRIBED, BOUNCED, COMPLAINED;

    /** The lower-case name stored in the database and shown to users. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Says whether the reader has opted out (or their address has): unsubscribed, bounced or complained. */
    public boolean left() {
        return this == UNSUBSCRIBED || this == BOUNCED || this == COMPLAINED;
    }

    public static SubscriberStatus fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
