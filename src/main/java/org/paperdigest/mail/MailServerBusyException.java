package org.paperdigest.mail;

/**
 * Signals that the SMTP server answered but refused another connection for now (a 4xx greeting,
 * such as {@code 421 Too many connections}): it is up, and other connections may be working.
 */
public class MailServerBusyException extends MailServerUnavailableException {
    public MailServerBusyException(String message, Throwable cause) {
        super(message, cause);
    }
}
