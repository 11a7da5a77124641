package org.paperdigest.mail;

/** The SMTP server could not be reached or refused the session; nothing was sent. */
public class MailServerUnavailableException extends RuntimeException {
    public MailServerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
