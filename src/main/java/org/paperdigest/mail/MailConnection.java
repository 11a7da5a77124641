package org.paperdigest.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;

/** One open SMTP session, used by one thread for many messages in a row. */
public final class MailConnection implements AutoCloseable {
    private final SmtpSession session;
    private final MimeBuilder mime;
    private int sent;
    private boolean broken;

    MailConnection(SmtpSession session, MimeBuilder mime) {
        this.session = session;
        this.mime = mime;
    }

    /** Sends one letter and says what happened; never throws for SMTP-level failures. */
    public SendResult send(Letter letter) {
        byte[] message = mime.toBytes(letter);
        try {
            SmtpReply reply = session.send(envelopeFrom(letter), letter.to(), message);
            if (reply.code() == 250) {
                sent++;
                return new SendResult.Sent(letter.messageId());
            }
            if (reply.permanent()) {
                return new SendResult.Failed(reply.toString());
            }
            // 421: the server is closing the connection; other 4xx leave it usable.
            broken = reply.code() == 421;
            return new SendResult.Retry(reply.toString(), broken);
        } catch (IOException e) {
            broken = true;
            return new SendResult.Retry(e.getClass().getSimpleName() + " " + e.getMessage(), true);
        }
    }

    private static String envelopeFrom(Letter letter) {
        if (letter.bounceAddress() != null) {
            return letter.bounceAddress();
        }
        try {
            return new InternetAddress(letter.from(), true).getAddress();
        } catch (AddressException e) {
            throw new IllegalArgumentException("Bad sender address '" + letter.from() + "': " + e.getMessage(), e);
        }
    }

    /** How many messages this connection has delivered. */
    public int sent() {
        return sent;
    }

    /** False once the connection broke; open a new one. */
    public boolean usable() {
        return !broken;
    }

    @Override
    public void close() {
        session.close();
    }
}
