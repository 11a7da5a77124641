package org.paperdigest.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a {@link Letter} as the bytes of an RFC 5322 message in one pass: the headers, then a
 * {@code multipart/alternative} body with a UTF-8 quoted-printable text part and HTML part. Address
 * and subject encoding (RFC 2047) is left to Jakarta Mail's {@link InternetAddress} and
 * {@link MimeUtility}; only the bulk of the work — encoding and copying the two bodies — is done
 * here, where Jakarta Mail's streams cost about 1.5 ms per digest.
 */
final class MimeWriter {
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

    /** The From and Reply-To headers are the same for every letter of a run; encode them once. */
    private volatile String[] cachedFrom = {null, null};
    private volatile String[] cachedReplyTo = {null, null};
    private volatile String[] cachedSubject = {null, null};
    /** The last Date header made, and the second it is for: a send makes thousands a second. */
    private volatile DateHeader cachedDate = new DateHeader(Long.MIN_VALUE, null);

    private record DateHeader(long second, String value) {}

    private String date(java.time.Instant date) {
        DateHeader d = cachedDate;
        long second = date.getEpochSecond();
        if (d.second() != second) {
            d = new DateHeader(second, DATE.format(date));
            cachedDate = d;
        }
        return d.value();
    }

    byte[] write(Letter letter) {
        return wire(letter, false).bytes();
    }

    /** The message and where its lines start with '.'; with {@code relaxedBody}, also its body in DKIM's relaxed form. */
    WireMessage wire(Letter letter, boolean relaxedBody) {
        int html = letter.shapedHtml() != null ? letter.shapedHtml().shape().length() : letter.html().length();
        int text = letter.shapedText() != null ? letter.shapedText().shape().length() : letter.text().length();
        ByteSink out = new ByteSink(html + text + html / 8 + 2048);
        header(out, "Date", date(letter.date()));
        header(out, "From", from(letter.from()));
        if (letter.replyTo() != null) {
            header(out, "Reply-To", replyTo(letter.replyTo()));
        }
        header(out, "To", address(letter.to(), letter.toName()));
        header(out, "Message-ID", letter.messageId());
        header(out, "Subject", subject(letter.subject()));
        header(out, "MIME-Version", "1.0");
        if (letter.listId() != null) {
            header(out, "List-Id", letter.listId());
        }
        String unsubscribe = listUnsubscribe(letter);
        if (unsubscribe != null) {
            header(out, "List-Unsubscribe", unsubscribe);
        }
        if (letter.listUnsubscribeUrl() != null) {
            header(out, "List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        letter.headers().forEach((name, value) -> header(out, name, value));
        // '=' is always escaped in quoted-printable, so a boundary starting with "=_" cannot occur in a part.
        String boundary = "=_pd_" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        header(out, "Content-Type", "multipart/alternative;\r\n boundary=\"" + boundary + "\"");
        out.crlf();
        out.markDots(0); // a folded header value could start a line with '.'
        if (relaxedBody) {
            out.startRelaxedBody();
        }
        part(out, boundary, "text/plain; charset=UTF-8", letter, false);
        part(out, boundary, "text/html; charset=UTF-8", letter, true);
        out.ascii("--" + boundary + "--");
        out.crlf();
        return out.toWireMessage();
    }

    /** A body part: from its shape when the letter has one (the shared lines encoded once), else encoded here. */
    private static void part(ByteSink out, String boundary, String type, Letter letter, boolean html) {
        ShapedBody shaped = html ? letter.shapedHtml() : letter.shapedText();
        out.ascii("--" + boundary);
        out.crlf();
        out.ascii("Content-Type: " + type);
        out.crlf();
        out.ascii("Content-Transfer-Encoding: quoted-printable");
        out.crlf();
        out.crlf();
        if (shaped != null) {
            shaped.shape().encodeInto(shaped.values(), out);
        } else {
            int from = out.size();
            QuotedPrintable.encode(html ? letter.html() : letter.text(), out, html ? QuotedPrintable.HTML : QuotedPrintable.TEXT);
            out.markDots(from);
        }
        out.crlf();
    }

    private static void header(ByteSink out, String name, String value) {
        out.ascii(name);
        out.ascii(": ");
        out.ascii(value);
        out.crlf();
    }

    private static String listUnsubscribe(Letter letter) {
        if (letter.listUnsubscribeUrl() == null && letter.listUnsubscribeMailto() == null) {
            return null;
        }
        if (letter.listUnsubscribeMailto() == null) {
            return "<" + letter.listUnsubscribeUrl() + ">";
        }
        if (letter.listUnsubscribeUrl() == null) {
            return "<" + letter.listUnsubscribeMailto() + ">";
        }
        // Two long URLs: fold between them so no header line gets needlessly long.
        return "<" + letter.listUnsubscribeUrl() + ">,\r\n <" + letter.listUnsubscribeMailto() + ">";
    }

    private String from(String mailbox) {
        String[] c = cachedFrom;
        if (!mailbox.equals(c[0])) {
            c = new String[] {mailbox, mailboxHeader(mailbox)};
            cachedFrom = c;
        }
        return c[1];
    }

    private String replyTo(String mailbox) {
        String[] c = cachedReplyTo;
        if (!mailbox.equals(c[0])) {
            c = new String[] {mailbox, mailboxHeader(mailbox)};
            cachedReplyTo = c;
        }
        return c[1];
    }

    /** Formats "Name <address>"; a display name outside ASCII is encoded (RFC 2047), never sent as raw 8-bit. */
    private static String mailboxHeader(String mailbox) {
        try {
            InternetAddress[] parsed = InternetAddress.parse(mailbox, true);
            for (InternetAddress a : parsed) {
                if (a.getPersonal() != null) {
                    a.setPersonal(a.getPersonal(), "UTF-8");
                }
            }
            return InternetAddress.toString(parsed, 6);
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new IllegalArgumentException("Bad sender address '" + mailbox + "': " + e.getMessage(), e);
        }
    }

    private static String address(String email, String name) {
        if (name == null) {
            return email;
        }
        try {
            return InternetAddress.toString(new InternetAddress[] {new InternetAddress(email, name, "UTF-8")}, 4);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String subject(String subject) {
        String[] c = cachedSubject;
        if (!subject.equals(c[0])) {
            try {
                c = new String[] {subject, MimeUtility.fold(9, MimeUtility.encodeText(subject, "UTF-8", null))};
            } catch (UnsupportedEncodingException e) {
                throw new IllegalStateException(e);
            }
            cachedSubject = c;
        }
        return c[1];
    }
}
