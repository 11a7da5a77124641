package org.paperdigest.mail;

import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.io.OutputStream;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * A message whose bytes were written beforehand by {@link MimeWriter}. Jakarta Mail's SMTP
 * transport sends it as one block, so the protocol (login, TLS, replies, errors) stays Jakarta
 * Mail's while the per-byte encoding streams are skipped.
 */
final class PreparedMessage extends SMTPMessage {
    private final byte[] raw;
    private final InternetAddress[] recipients;

    PreparedMessage(Session session, byte[] raw, InternetAddress recipient, String envelopeFrom) {
        super(session);
        this.raw = raw;
        this.recipients = new InternetAddress[] {recipient};
        setEnvelopeFrom(envelopeFrom);
    }

    byte[] raw() {
        return raw;
    }

    @Override
    public Address[] getAllRecipients() {
        return recipients.clone();
    }

    @Override
    public void writeTo(OutputStream os) throws IOException {
        os.write(raw);
    }

    @Override
    public void writeTo(OutputStream os, String[] ignoreList) throws IOException {
        os.write(raw);
    }
}
