package org.paperdigest.mail;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.util.Properties;
import org.paperdigest.config.SmtpConfig;

/**
 * Opens SMTP connections with Jakarta Mail, configured from {@code SMTP_*}: security, login,
 * timeouts and TCP_NODELAY sockets. Each {@link MailConnection} is meant to be kept open and used
 * for many messages by one thread.
 */
public final class Mailer {
    private final SmtpConfig config;
    private final Session session;
    private final MimeBuilder mime;

    public Mailer(SmtpConfig config, String heloName) {
        this(config, heloName, null);
    }

    /** A mailer whose messages are DKIM-signed with {@code dkim} (null: unsigned). */
    public Mailer(SmtpConfig config, String heloName, DkimSigning dkim) {
        this.config = config;
        this.session = Session.getInstance(properties(config, heloName));
        this.mime = new MimeBuilder(session, dkim);
    }

    static Properties properties(SmtpConfig c, String heloName) {
        String p = c.security() == SmtpConfig.Security.TLS ? "mail.smtps." : "mail.smtp.";
        Properties props = new Properties();
        props.put("mail.transport.protocol", c.security() == SmtpConfig.Security.TLS ? "smtps" : "smtp");
        props.put(p + "host", c.host());
        props.put(p + "port", String.valueOf(c.port()));
        props.put(p + "connectiontimeout", String.valueOf(c.connectTimeout().toMillis()));
        props.put(p + "timeout", String.valueOf(c.readTimeout().toMillis()));
        props.put(p + "writetimeout", String.valueOf(c.readTimeout().toMillis()));
        props.put(p + "localhost", heloName);
        props.put(p + "quitwait", "false");
        props.put(p + "auth", String.valueOf(c.authenticates()));
        switch (c.security()) {
            case NONE -> props.put(p + "socketFactory", new NoDelaySocketFactory());
            case STARTTLS -> {
                props.put(p + "socketFactory", new NoDelaySocketFactory());
                props.put(p + "ssl.socketFactory", new NoDelaySslSocketFactory());
                props.put(p + "starttls.enable", "true");
                props.put(p + "starttls.required", "true");
                props.put(p + "ssl.checkserveridentity", "true");
            }
            case TLS -> {
                props.put(p + "ssl.enable", "true");
                props.put(p + "ssl.socketFactory", new NoDelaySslSocketFactory());
                props.put(p + "ssl.checkserveridentity", "true");
            }
        }
        return props;
    }

    public MimeBuilder mime() {
        return mime;
    }

    public SmtpConfig config() {
        return config;
    }

    /** Connects and logs in; fails with {@link MailServerUnavailableException} or {@link MailLoginException}. */
    public MailConnection open() {
        Transport transport;
        try {
            transport = session.getTransport();
        } catch (NoSuchProviderException e) {
            throw new IllegalStateException("No SMTP provider on the classpath", e);
        }
        try {
            if (config.authenticates()) {
                transport.connect(config.host(), config.port(), config.username(), config.password());
            } else {
                transport.connect();
            }
        } catch (AuthenticationFailedException e) {
            throw new MailLoginException("The SMTP server " + config.host() + ":" + config.port()
                    + " refused the login of SMTP_USERNAME=" + config.username() + ": " + e.getMessage(), e);
        } catch (MessagingException e) {
            throw new MailServerUnavailableException("Cannot connect to the SMTP server " + config.host() + ":"
                    + config.port() + " (" + SmtpErrors.describe(e) + ")", e);
        }
        return new MailConnection(transport, mime);
    }
}
