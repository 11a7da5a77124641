package org.paperdigest.mail;

/** The SMTP server refused our username and password: a configuration problem, not a transient one. */
public class MailLoginException extends MailConfigurationException {
    public MailLoginException(String message, Throwable cause) {
        super(message, cause);
    }
}
