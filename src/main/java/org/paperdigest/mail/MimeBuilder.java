package org.paperdigest.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * Turns a {@link Letter} into a message ready for SMTP: {@code multipart/alternative} with a UTF-8
 * quoted-printable text part and HTML part, the standard headers and the list headers of RFC 2369,
 * RFC 2919 and RFC 8058. The Message-ID is the letter's, so a resend keeps it. The envelope sender
 * is the letter's bounce address, or the From address. With a {@link DkimSigning}, the message
 * carries a DKIM-Signature (RFC 6376) made when it is written.
 */
public final class MimeBuilder {
    private final Session session;
    private final DkimSigning dkim;
    private final MimeWriter writer = new MimeWriter();

    public MimeBuilder(Session session) {
        this(session, null);
    }

    /** A builder that DKIM-signs every message; {@code dkim} null means unsigned. */
    public MimeBuilder(Session session, DkimSigning dkim) {
        this.session = session;
        this.dkim = dkim;
    }

    public SMTPMessage build(Letter letter) {
        try {
            InternetAddress to = new InternetAddress(letter.to(), true);
            String envelopeFrom = letter.bounceAddress() != null ? letter.bounceAddress()
                    : new InternetAddress(letter.from(), true).getAddress();
            SMTPMessage m = new PreparedMessage(session, writer.write(letter), to, envelopeFrom);
            return dkim == null ? m : dkim.sign(m);
        } catch (AddressException e) {
            throw new IllegalArgumentException("Bad address in message " + letter.messageId() + ": " + e.getMessage(), e);
        } catch (MessagingException e) {
            throw new IllegalStateException("Cannot sign message " + letter.messageId() + ": " + e.getMessage(), e);
        }
    }

    /** Serialises a letter as it goes over the wire, signature included (an .eml file). */
    public byte[] toBytes(Letter letter) {
        if (dkim == null) {
            return writer.write(letter);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        try {
            build(letter).writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException("Cannot write message " + letter.messageId(), e);
        }
        return out.toByteArray();
    }
}
