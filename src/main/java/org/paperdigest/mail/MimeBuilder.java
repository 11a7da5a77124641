package org.paperdigest.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Date;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * Turns a {@link Letter} into a MIME message: {@code multipart/alternative} with a UTF-8
 * quoted-printable text part and HTML part, the standard headers and the list headers of RFC 2369,
 * RFC 2919 and RFC 8058. The Message-ID is the letter's, so a resend keeps it.
 */
public final class MimeBuilder {
    private final Session session;

    public MimeBuilder(Session session) {
        this.session = session;
    }

    public SMTPMessage build(Letter letter) {
        try {
            SMTPMessage m = new StableIdMessage(session, letter.messageId());
            m.setFrom(new InternetAddress(letter.from()));
            if (letter.replyTo() != null) {
                m.setReplyTo(InternetAddress.parse(letter.replyTo()));
            }
            InternetAddress to = new InternetAddress(letter.to());
            if (letter.toName() != null) {
                to.setPersonal(letter.toName(), "UTF-8");
            }
            m.setRecipient(Message.RecipientType.TO, to);
            m.setSubject(letter.subject(), "UTF-8");
            m.setSentDate(Date.from(letter.date()));
            if (letter.listId() != null) {
                m.setHeader("List-Id", letter.listId());
            }
            String unsubscribe = listUnsubscribe(letter);
            if (unsubscribe != null) {
                m.setHeader("List-Unsubscribe", unsubscribe);
            }
            if (letter.listUnsubscribeUrl() != null) {
                m.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            }
            if (letter.bounceAddress() != null) {
                m.setEnvelopeFrom(letter.bounceAddress());
            }
            for (var header : letter.headers().entrySet()) {
                m.setHeader(header.getKey(), header.getValue());
            }
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(part(letter.text(), "plain"));
            alternative.addBodyPart(part(letter.html(), "html"));
            m.setContent(alternative);
            m.saveChanges();
            return m;
        } catch (AddressException | java.io.UnsupportedEncodingException e) {
            throw new IllegalArgumentException("Bad address in message " + letter.messageId() + ": " + e.getMessage(), e);
        } catch (MessagingException e) {
            throw new IllegalStateException("Cannot build message " + letter.messageId() + ": " + e.getMessage(), e);
        }
    }

    /** Serialises a letter as it would go over the wire (an .eml file). */
    public byte[] toBytes(Letter letter) {
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

    private static String listUnsubscribe(Letter letter) {
        StringBuilder b = new StringBuilder();
        if (letter.listUnsubscribeUrl() != null) {
            b.append('<').append(letter.listUnsubscribeUrl()).append('>');
        }
        if (letter.listUnsubscribeMailto() != null) {
            b.append(b.length() > 0 ? ", " : "").append('<').append(letter.listUnsubscribeMailto()).append('>');
        }
        return b.length() == 0 ? null : b.toString();
    }

    private static MimeBodyPart part(String body, String subtype) throws MessagingException {
        MimeBodyPart p = new MimeBodyPart();
        p.setText(body, "UTF-8", subtype);
        p.setHeader("Content-Transfer-Encoding", "quoted-printable");
        return p;
    }

    /** A message whose Message-ID is ours, not one Jakarta Mail makes up on every save. */
    private static final class StableIdMessage extends SMTPMessage {
        private final String messageId;

        StableIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
