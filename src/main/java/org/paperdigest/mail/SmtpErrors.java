package org.paperdigest.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.io.IOException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/** Sorts Jakarta Mail's exceptions into retry-later and give-up, keeping the server's reply. */
final class SmtpErrors {
    private SmtpErrors() {}

    static SendResult classify(MessagingException e) {
        Integer code = replyCode(e);
        String reason = describe(e);
        if (code != null) {
            if (code >= 500) {
                return new SendResult.Failed(reason);
            }
            // 421 means the server is closing the connection; other 4xx leave it usable.
            return new SendResult.Retry(reason, code == 421);
        }
        // No reply code: the connection broke (reset, timeout, EOF) before an answer came.
        return new SendResult.Retry(reason, true);
    }

    /** Finds the SMTP reply code in the exception chain, or null if the server never answered. */
    static Integer replyCode(MessagingException e) {
        Exception cur = e;
        while (cur != null) {
            if (cur instanceof SMTPAddressFailedException a) {
                return a.getReturnCode();
            }
            if (cur instanceof SMTPSenderFailedException s) {
                return s.getReturnCode();
            }
            if (cur instanceof SMTPSendFailedException s && s.getReturnCode() > 0) {
                return s.getReturnCode();
            }
            cur = cur instanceof MessagingException m ? m.getNextException() : null;
        }
        return null;
    }

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
