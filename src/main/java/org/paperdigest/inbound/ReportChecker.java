package org.paperdigest.inbound;

import java.util.Optional;
import org.paperdigest.deliverability.BounceClassifier;
import org.paperdigest.deliverability.Classification;
import org.paperdigest.deliverability.ReportKind;
import org.paperdigest.subscribers.BounceAddresses;

/**
 * Says what a report is and which delivery of ours it names, changing nothing: what
 * {@code bounces check} prints and what the {@link BounceProcessor} records. A report that would
 * count (hard, soft, complaint) but names no delivery by a signed address or Message-ID is
 * {@code ignored}, with the reason and what it would have been.
 */
public final class ReportChecker {
    static final String NOT_OURS = "not about a message we sent";

    private final BounceClassifier classifier;
    private final ReportOrigins origins;

    /** {@code origins} null: DIGEST_SECRET is not set, so reports are classified but not matched (only for {@code bounces check}). */
    public ReportChecker(BounceClassifier classifier, ReportOrigins origins) {
        this.classifier = classifier;
        this.origins = origins;
    }

    /** What a report is and, when it counts, the delivery it names (empty when none verifies). */
    public record Verdict(Classification classification, Optional<BounceAddresses.Tag> delivery) {}

    /** Classifies a report (its raw bytes) and finds the delivery it names. */
    public Verdict check(byte[] raw) {
        Classification c = classifier.classify(raw);
        if (!c.kind().counts()) {
            return new Verdict(c, Optional.empty());
        }
        if (origins == null) {
            return new Verdict(c.as(c.kind(), c.reason() + " (not checked against our messages: DIGEST_SECRET is not set)"),
                    Optional.empty());
        }
        Optional<BounceAddresses.Tag> tag = origins.of(raw, c.quotedMessageIds());
        if (tag.isEmpty()) {
            return new Verdict(c.as(ReportKind.IGNORED, NOT_OURS + " (" + origins.lacking() + "); read alone it is "
                    + c.kind().code() + ": " + c.reason()), Optional.empty());
        }
        return new Verdict(c, tag);
    }
}
