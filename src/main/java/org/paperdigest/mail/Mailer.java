package org.paperdigest.mail;

import java.io.IOException;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocketFactory;
import org.paperdigest.config.SmtpConfig;

/**
 * Opens SMTP connections configured from {@code SMTP_*} (security, login, timeouts) and builds the
 * messages they carry. Each {@link MailConnection} is meant to be kept open and used for many
 * messages by one thread.
 */
public final class Mailer {
    private final SmtpConfig config;
    private final String heloName;
    /** Asked only when a connection speaks TLS: setting up the JDK's default factory reads its trust store (~0.1 s). */
    private final Supplier<SSLSocketFactory> tls;
    private final MimeBuilder mime;

    public Mailer(SmtpConfig config, String heloName) {
        this(config, heloName, null);
    }

    /** A mailer whose messages are DKIM-signed with {@code dkim} (null: unsigned). */
    public Mailer(SmtpConfig config, String heloName, DkimSigning dkim) {
        this(config, heloName, dkim, () -> (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /** A mailer that trusts the TLS certificates {@code tls} trusts (tests use their own authority). */
    Mailer(SmtpConfig config, String heloName, DkimSigning dkim, SSLSocketFactory tls) {
        this(config, heloName, dkim, () -> tls);
    }

    private Mailer(SmtpConfig config, String heloName, DkimSigning dkim, Supplier<SSLSocketFactory> tls) {
        if (config.authenticates() && config.security() == SmtpConfig.Security.NONE
                && !config.host().equals("localhost") && !config.host().startsWith("127.")) {
            org.slf4j.LoggerFactory.getLogger(Mailer.class).warn("SMTP_USERNAME is set with SMTP_SECURITY=none: the password"
                    + " crosses the network unencrypted to {}; use starttls or tls", config.host());
        }
        this.tls = tls;
        this.config = config;
        this.heloName = heloName;
        this.mime = new MimeBuilder(dkim);
    }

    public MimeBuilder mime() {
        return mime;
    }

    public SmtpConfig config() {
        return config;
    }

    /** Connects and logs in; fails with {@link MailServerUnavailableException} or {@link MailLoginException}. */
    public MailConnection open() {
        try {
            SSLSocketFactory factory = config.security() == SmtpConfig.Security.NONE ? null : tls.get();
            return new MailConnection(SmtpSession.open(config, heloName, factory), mime);
        } catch (SmtpSession.Misconfigured e) {
            throw new MailConfigurationException("Cannot use the SMTP server " + config.host() + ":" + config.port() + ": "
                    + e.getMessage(), e);
        } catch (SmtpSession.LoginRefused e) {
            throw new MailLoginException("The SMTP server " + config.host() + ":" + config.port()
                    + " refused the login of SMTP_USERNAME=" + config.username() + ": " + e.getMessage(), e);
        } catch (SmtpSession.Refused e) {
            String message = "The SMTP server " + config.host() + ":" + config.port() + " refused a connection: " + e.reply;
            if (e.busyAtGreeting()) {
                throw new MailServerBusyException(message, e);
            }
            throw new MailServerUnavailableException(message, e);
        } catch (IOException e) {
            throw new MailServerUnavailableException("Cannot connect to the SMTP server " + config.host() + ":"
                    + config.port() + " (" + e.getClass().getSimpleName() + " " + e.getMessage() + ")", e);
        }
    }
}
