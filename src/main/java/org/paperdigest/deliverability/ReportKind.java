package org.paperdigest.deliverability;

import java.util.Locale;
import org.paperdigest.subscribers.Bounce;

/**
 * What a message in the bounce mailbox is. Hard: the address does not exist, is disabled, or its
 * domain takes no mail. Soft: it may work later (mailbox full, temporary failure, message too
 * large, greylisting, a policy or spam block). Delay: a warning, the mail system keeps trying; it
 * never counts. Complaint: an ARF feedback report, the reader marked a digest as spam. Ignored: an
 * automatic reply, or a report about mail we did not send. Unrecognised: none of these.
 */
public enum ReportKind {
    HARD, SOFT, DELAY, COMPLAINT, IGNORED, UNRECOGNISED;

    /** The lower-case name printed by {@code bounces check}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the kinds that are recorded against a reader. */
    public boolean counts() {
        return this == HARD || this == SOFT || this == COMPLAINT;
    }

    /** The kind a recorded report is stored as; only for kinds that {@link #counts()}. */
    public Bounce.Kind stored() {
        if (!counts()) {
            throw new IllegalStateException(code() + " reports are not recorded");
        }
        return Bounce.Kind.valueOf(name());
    }

    static ReportKind fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
