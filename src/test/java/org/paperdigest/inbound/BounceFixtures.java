package org.paperdigest.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Loads the bounce messages under {@code src/test/resources/bounces/}, filling in the delivery
 * they bounce: {@code {{VERP}}} (the envelope sender it went out with), {@code {{RECIPIENT}}},
 * {@code {{MESSAGE_ID}}} and {@code {{ISSUE}}}.
 */
final class BounceFixtures {
    static final String POSTFIX_USER_UNKNOWN = "postfix-dsn-user-unknown.eml";
    static final String GMAIL_ADDRESS_NOT_FOUND = "gmail-dsn-address-not-found.eml";
    static final String OUTLOOK_RECIPIENT_NOT_FOUND = "outlook-ndr-recipient-not-found.eml";
    static final String EXIM_PERMANENT = "exim-text-permanent.eml";
    static final String QMAIL_WITHOUT_VERP = "qmail-text-no-verp.eml";
    static final String POSTFIX_MAILBOX_FULL = "postfix-dsn-mailbox-full-soft.eml";
    static final String POSTFIX_DELAYED = "postfix-dsn-delayed.eml";
    static final String VACATION = "vacation-auto-reply.eml";

    /** The delivery a fixture bounces. */
    record Delivery(String verp, String recipient, String messageId, int issue) {}

    private BounceFixtures() {}

    static byte[] load(String name, Delivery d) {
        try (InputStream in = BounceFixtures.class.getResourceAsStream("/bounces/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture bounces/" + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("{{VERP}}", d.verp())
                    .replace("{{RECIPIENT}}", d.recipient())
                    .replace("{{MESSAGE_ID}}", d.messageId())
                    .replace("{{ISSUE}}", String.valueOf(d.issue()));
            return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
