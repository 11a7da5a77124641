package org.paperdigest.inbound;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.paperdigest.subscribers.Bounce;
import org.paperdigest.subscribers.BounceAddresses;
import org.paperdigest.subscribers.BounceStore;
import org.paperdigest.subscribers.Subscriber;
import org.paperdigest.subscribers.SubscriberStore;

/**
 * Turns one message from the bounce mailbox into a recorded bounce. The delivery it belongs to is
 * found by the signed VERP tag of the address the bounce was sent to (see {@link BounceAddresses});
 * failing that, by the Message-ID of our message the bounce quotes, accepted only when that delivery
 * really went out with that id and the failed address is the subscriber's own. A bounce for a
 * message we never recorded (a test send, someone else's mail) is left alone.
 */
public final class BounceProcessor {
    private static final Pattern DIGEST_ID = Pattern.compile("<digest\\.(\\d{1,9})\\.(\\d{1,18})\\.[^>]+>");

    private final BounceParser parser;
    private final BounceAddresses addresses;
    private final BounceStore bounces;
    private final SubscriberStore subscribers;

    /** {@code addresses} may be null when DIGEST_BOUNCE_ADDRESS is not set (then only quoted Message-IDs identify readers). */
    public BounceProcessor(BounceParser parser, BounceAddresses addresses, BounceStore bounces, SubscriberStore subscribers) {
        this.parser = parser;
        this.addresses = addresses;
        this.bounces = bounces;
        this.subscribers = subscribers;
    }

    /** What became of one message. */
    public sealed interface Result permits Recorded, NotBounce, Unmatched {}

    /** A bounce of one of our deliveries, recorded (or recognised as recorded before). */
    public record Recorded(String email, int issue, BounceReport report, BounceStore.Outcome outcome) implements Result {}

    /** Not a bounce at all: an auto-reply, a delay notice, a person. */
    public record NotBounce(String reason) implements Result {}

    /** A bounce, but not of a delivery we can name. */
    public record Unmatched(BounceReport report, String reason) implements Result {}

    /** Reads, matches and records one message (its raw bytes). */
    public Result process(byte[] raw) {
        BounceParser.Parsed parsed = parser.parse(raw);
        if (parsed instanceof BounceParser.NotBounce n) {
            return new NotBounce(n.reason());
        }
        BounceReport report = ((BounceParser.IsBounce) parsed).report();
        Optional<BounceAddresses.Tag> tag = byVerp(raw).or(() -> byMessageId(report));
        if (tag.isEmpty()) {
            return new Unmatched(report, addresses == null ? "no quoted Message-ID of ours (set DIGEST_BOUNCE_ADDRESS for VERP)"
                    : "no signed bounce address and no quoted Message-ID of ours");
        }
        int issue = tag.get().issue();
        long id = tag.get().subscriberId();
        Optional<Subscriber> s = subscribers.find(id);
        if (s.isEmpty() || bounces.messageIdOf(issue, id).isEmpty()) {
            return new Unmatched(report, "issue " + issue + " was never sent to subscriber " + id + " (a test send?)");
        }
        Bounce bounce = new Bounce(id, issue, report.kind(), report.status(), report.diagnostic(), report.recipient(), report.source(),
                report.reportId());
        return new Recorded(s.get().email(), issue, report, bounces.record(bounce));
    }

    private Optional<BounceAddresses.Tag> byVerp(byte[] raw) {
        return addresses == null ? Optional.empty() : addresses.find(new String(raw, StandardCharsets.ISO_8859_1));
    }

    private Optional<BounceAddresses.Tag> byMessageId(BounceReport report) {
        if (report.originalMessageId() == null) {
            return Optional.empty();
        }
        Matcher m = DIGEST_ID.matcher(report.originalMessageId());
        if (!m.matches()) {
            return Optional.empty();
        }
        int issue = Integer.parseInt(m.group(1));
        long id = Long.parseLong(m.group(2));
        boolean sentWithThatId = bounces.messageIdOf(issue, id).map(report.originalMessageId()::equalsIgnoreCase).orElse(false);
        boolean sameAddress = report.recipient() != null && subscribers.find(id)
                .map(s -> s.email().toLowerCase(Locale.ROOT).equals(report.recipient().toLowerCase(Locale.ROOT))).orElse(false);
        return sentWithThatId && sameAddress ? Optional.of(new BounceAddresses.Tag(issue, id)) : Optional.empty();
    }
}
