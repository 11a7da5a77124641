package org.paperdigest.mail;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One message read from the request mailbox, reduced to what email commands need: the sender,
 * the subject, the headers (names lower-cased) and the plain text (from the text part, or the
 * HTML part with tags removed), cut at {@link Mailbox#MAX_TEXT_CHARS}. Any value may be empty,
 * never null.
 */
public record Received(String messageId, String from, String subject, Map<String, List<String>> headers, String text) {

    public Received {
        messageId = messageId == null ? "" : messageId;
        from = from == null ? "" : from;
        subject = subject == null ? "" : subject;
        headers = Map.copyOf(headers);
        text = text == null ? "" : text;
    }

    /** The first value of a header (name in any case), or empty. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    public boolean has(String name) {
        return headers.containsKey(name.toLowerCase(Locale.ROOT));
    }
}
