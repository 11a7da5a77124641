package org.paperdigest.membership;

import org.paperdigest.mail.Letter;
import org.paperdigest.mail.MailConnection;
import org.paperdigest.mail.MailLoginException;
import org.paperdigest.mail.MailServerUnavailableException;
import org.paperdigest.mail.Mailer;
import org.paperdigest.mail.SendResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one transactional letter on a connection of its own. Such letters are rare (a few per
 * subscriber, ever), so there is no pool; a failure is logged here, once, and reported as false.
 * Logs name a letter by its Message-ID, never its subject: a confirmation's subject carries its token.
 */
public final class Courier {
    private static final Logger log = LoggerFactory.getLogger(Courier.class);

    private final Mailer mailer;

    public Courier(Mailer mailer) {
        this.mailer = mailer;
    }

    /** Sends the letter; returns whether the SMTP server accepted it. */
    public boolean send(Letter letter) {
        try (MailConnection connection = mailer.open()) {
            SendResult result = connection.send(letter);
            if (result instanceof SendResult.Sent) {
                log.info("Sent {} to {}", letter.messageId(), letter.to());
                return true;
            }
            log.warn("Could not send {} to {}: {}", letter.messageId(), letter.to(), result);
            return false;
        } catch (MailServerUnavailableException | MailLoginException e) {
            log.warn("Could not send {} to {}: {}", letter.messageId(), letter.to(), e.getMessage());
            return false;
        }
    }
}
