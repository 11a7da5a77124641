package org.paperdigest.mail;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One message ready to go: addresses, the two bodies and the list headers. {@code toName} may be null.
 * {@code listUnsubscribeUrl} is the https one-click address (RFC 8058), {@code listUnsubscribeMailto}
 * the mailto alternative (RFC 2369); {@code bounceAddress} is the SMTP envelope sender (may be null
 * to use the From address). {@code headers} are extra ASCII headers, such as {@code Auto-Submitted}
 * and {@code In-Reply-To} on replies to email commands.
 */
public record Letter(
        String from,
        String replyTo,
        String to,
        String toName,
        String subject,
        String text,
        String html,
        String messageId,
        Instant date,
        String listId,
        String listUnsubscribeUrl,
        String listUnsubscribeMailto,
        String bounceAddress,
        Map<String, String> headers) {

    /** A letter without extra headers. */
    public Letter(String from, String replyTo, String to, String toName, String subject, String text, String html,
            String messageId, Instant date, String listId, String listUnsubscribeUrl, String listUnsubscribeMailto,
            String bounceAddress) {
        this(from, replyTo, to, toName, subject, text, html, messageId, date, listId, listUnsubscribeUrl,
                listUnsubscribeMailto, bounceAddress, Map.of());
    }

    public Letter {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(date, "date");
    }
}
