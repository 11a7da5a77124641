package org.paperdigest.mail;

import java.time.Instant;
import java.util.Objects;

/**
 * One message ready to go: addresses, the two bodies and the list headers. {@code toName} may be null.
 * {@code listUnsubscribeUrl} is the https one-click address (RFC 8058), {@code listUnsubscribeMailto}
 * the mailto alternative (RFC 2369); {@code bounceAddress} is the SMTP envelope sender (may be null
 * to use the From address).
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
        String bounceAddress) {

    public Letter {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(date, "date");
    }
}
