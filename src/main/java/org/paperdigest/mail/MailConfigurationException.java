package org.paperdigest.mail;

/** The SMTP settings cannot work with this server (login refused, TLS mismatch, sender refused): fix SMTP_* or DIGEST_FROM. */
public class MailConfigurationException extends RuntimeException {
    public MailConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
