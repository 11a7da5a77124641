package org.paperdigest.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.io.IOException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/** Describes Jakarta Mail's exceptions (IMAP) in one line, keeping the server's reply. */
final class MailErrors {
    private MailErrors() {}

    /** A one-line description: the deepest server reply or I/O error, without stack traces. */
    static String describe(MessagingException e) {
        Exception cur = e;
        String best = e.getMessage();
        while (cur != null) {
            if (cur instanceof SMTPAddressFailedException || cur instanceof SMTPSenderFailedException
                    || (cur instanceof SMTPSendFailedException s && s.getReturnCode() > 0)) {
                best = cur.getMessage();
            } else if (cur instanceof IOException io) {
                best = (best == null ? "" : best + ": ") + io.getClass().getSimpleName() + " " + io.getMessage();
            } else if (!(cur instanceof SendFailedException) && cur.getMessage() != null && best == null) {
                best = cur.getMessage();
            }
            Exception next = cur instanceof MessagingException m ? m.getNextException() : null;
            if (next == null && cur.getCause() instanceof Exception c && c != cur) {
                next = c;
            }
            cur = next;
        }
        return best == null ? e.toString() : best.strip().replaceAll("\\s+", " ");
    }
}
