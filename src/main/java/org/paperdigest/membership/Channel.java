package org.paperdigest.membership;

import java.util.Locale;

/** Where a request came from: the web form or the request mailbox. */
public enum Channel {
    WEB("auto-generated"),
    EMAIL("auto-replied");

    private final String autoSubmitted;

    Channel(String autoSubmitted) {
        this.autoSubmitted = autoSubmitted;
    }

    /** The RFC 3834 Auto-Submitted value of mail we send in answer, so other robots do not answer it. */
    String autoSubmitted() {
        return autoSubmitted;
    }

    /** The value of {@code subscribers.source} for readers who joined this way. */
    String source() {
        return name().toLowerCase(Locale.ROOT);
    }
}
