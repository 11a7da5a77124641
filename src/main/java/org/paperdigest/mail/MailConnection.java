package org.paperdigest.mail;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/** One open SMTP session, used by one thread for many messages in a row. */
public final class MailConnection implements AutoCloseable {
    private final Transport transport;
    private final MimeBuilder mime;
    private int sent;
    private boolean broken;

    MailConnection(Transport transport, MimeBuilder mime) {
        this.transport = transport;
        this.mime = mime;
    }

    /** Sends one letter and says what happened; never throws for SMTP-level failures. */
    public SendResult send(Letter letter) {
        SMTPMessage message = mime.build(letter);
        try {
            Address[] to = message.getAllRecipients();
            transport.sendMessage(message, to);
            sent++;
            return new SendResult.Sent(letter.messageId());
        } catch (MessagingException e) {
            SendResult r = SmtpErrors.classify(e);
            if (r instanceof SendResult.Retry retry && retry.connectionBroken()) {
                broken = true;
            }
            return r;
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
        try {
            transport.close();
        } catch (MessagingException ignored) {
            // closing a dead connection: nothing more to do
        }
    }
}
