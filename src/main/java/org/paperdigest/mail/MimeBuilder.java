package org.paperdigest.mail;

import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * Turns a {@link Letter} into a message ready for SMTP: {@code multipart/alternative} with a UTF-8
 * quoted-printable text part and HTML part, the standard headers and the list headers of RFC 2369,
 * RFC 2919 and RFC 8058. The Message-ID is the letter's, so a resend keeps it. The envelope sender
 * is the letter's bounce address, or the From address.
 */
public final class MimeBuilder {
    private final Session session;
    private final MimeWriter writer = new MimeWriter();

    public MimeBuilder(Session session) {
        this.session = session;
    }

    public SMTPMessage build(Letter letter) {
        try {
            InternetAddress to = new InternetAddress(letter.to(), true);
            String envelopeFrom = letter.bounceAddress() != null ? letter.bounceAddress()
                    : new InternetAddress(letter.from(), true).getAddress();
            return new PreparedMessage(session, writer.write(letter), to, envelopeFrom);
        } catch (AddressException e) {
            throw new IllegalArgumentException("Bad address in message " + letter.messageId() + ": " + e.getMessage(), e);
        }
    }

    /** Serialises a letter as it goes over the wire (an .eml file). */
    public byte[] toBytes(Letter letter) {
        return writer.write(letter);
    }
}
