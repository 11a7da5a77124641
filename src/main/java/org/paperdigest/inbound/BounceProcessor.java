package org.paperdigest.inbound;

import java.util.Optional;
import org.paperdigest.deliverability.Classification;
import org.paperdigest.subscribers.Bounce;
import org.paperdigest.subscribers.BounceStore;
import org.paperdigest.subscribers.Subscriber;
import org.paperdigest.subscribers.SubscriberStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one message from the bounce mailbox into a recorded bounce or complaint. The
 * {@link ReportChecker} says what the message is and which delivery it names (only by a signed VERP
 * address or a signed Message-ID of ours), so a forged report, a report about someone else's mail
 * or about a test send records nothing. Delays, auto-replies and unrecognised messages are never
 * recorded.
 */
public final class BounceProcessor {
    private static final Logger log = LoggerFactory.getLogger(BounceProcessor.class);

    private final ReportChecker checker;
    private final BounceStore bounces;
    private final SubscriberStore subscribers;

    public BounceProcessor(ReportChecker checker, BounceStore bounces, SubscriberStore subscribers) {
        this.checker = checker;
        this.bounces = bounces;
        this.subscribers = subscribers;
    }

    /** What became of one message. */
    public sealed interface Result permits Recorded, NotCounted {}

    /** A bounce or complaint of one of our deliveries, recorded (or recognised as recorded before). */
    public record Recorded(String email, int issue, Classification classification, BounceStore.Outcome outcome) implements Result {}

    /** Nothing recorded: a delay, an auto-reply, a report about mail we did not send, a forged report, a person. */
    public record NotCounted(Classification classification, String reason) implements Result {}

    /** Reads, matches and records one message (its raw bytes). */
    public Result process(byte[] raw) {
        ReportChecker.Verdict v = checker.check(raw);
        Classification c = v.classification();
        if (v.delivery().isEmpty()) {
            if (c.reason().startsWith(ReportChecker.NOT_OURS)) {
                log.debug("Report {} for {} records nothing: {}", c.reportId(), c.recipient(), c.reason());
            }
            return new NotCounted(c, c.kind().code() + ": " + c.reason());
        }
        int issue = v.delivery().get().issue();
        long id = v.delivery().get().subscriberId();
        Optional<Subscriber> s = subscribers.find(id);
        if (s.isEmpty() || bounces.messageIdOf(issue, id).isEmpty()) {
            log.debug("Report {} names issue {} of subscriber {}, which was never sent: records nothing", c.reportId(), issue, id);
            return new NotCounted(c, "issue " + issue + " was never sent to subscriber " + id + " (a test send?)");
        }
        String recipient = c.recipient() != null ? c.recipient() : s.get().email();
        Bounce bounce = new Bounce(id, issue, c.kind().stored(), c.status(), c.reply() != null ? c.reply() : c.reason(), recipient,
                c.source(), c.reportId());
        return new Recorded(s.get().email(), issue, c, bounces.record(bounce));
    }
}
