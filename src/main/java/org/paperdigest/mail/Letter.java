package org.paperdigest.mail;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One message ready to go: addresses, the two bodies and the list headers. {@code toName} may be null.
 * {@code listUnsubscribeUrl} is the https one-click address (RFC 8058), {@code listUnsubscribeMailto}
 * the mailto alternative (RFC 2369); {@code bounceAddress} is the SMTP envelope sender (may be null
 * to use the From address). {@code headers} are extra ASCII headers, such as {@code Auto-Submitted}
 * and {@code In-Reply-To} on replies to email commands. {@code shapedText} and {@code shapedHtml}, when
 * not null, are the same two bodies as a shape and its values ({@link BodyShape}): the writer then
 * copies what the shape's messages share instead of encoding it again, and {@code text} and {@code html}
 * may be null (they are made from the shapes when asked for).
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
        Map<String, String> headers,
        ShapedBody shapedText,
        ShapedBody shapedHtml) {

    /** A letter with extra headers and plain bodies. */
    public Letter(String from, String replyTo, String to, String toName, String subject, String text, String html,
            String messageId, Instant date, String listId, String listUnsubscribeUrl, String listUnsubscribeMailto,
            String bounceAddress, Map<String, String> headers) {
        this(from, replyTo, to, toName, subject, text, html, messageId, date, listId, listUnsubscribeUrl,
                listUnsubscribeMailto, bounceAddress, headers, null, null);
    }

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
        if (text == null && shapedText == null) {
            throw new NullPointerException("text");
        }
        if (html == null && shapedHtml == null) {
            throw new NullPointerException("html");
        }
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(date, "date");
    }

    /** The plain-text body (made from its shape when the letter was given one without the text). */
    @Override
    public String text() {
        return text != null ? text : shapedText.text();
    }

    /** The HTML body (made from its shape when the letter was given one without the text). */
    @Override
    public String html() {
        return html != null ? html : shapedHtml.text();
    }

    /**
     * This letter with its bodies given as shapes and values as well; {@code text} and {@code html} must
     * be what they fill to (the renderer makes both from the same shape).
     */
    public Letter withShapes(ShapedBody text, ShapedBody html) {
        return new Letter(from, replyTo, to, toName, subject, this.text, this.html, messageId, date, listId,
                listUnsubscribeUrl, listUnsubscribeMailto, bounceAddress, headers, text, html);
    }
}
