package org.paperdigest.mail;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.BodyPart;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.search.FlagTerm;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.paperdigest.config.ImapConfig;
import org.paperdigest.config.SmtpConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request mailbox, read over IMAP with Jakarta Mail. A poll opens the folder, hands each
 * message not yet deleted to a handler, and marks each one handled {@code \Seen} and
 * {@code \Deleted} (after copying it to IMAP_PROCESSED_FOLDER when that is set), so it is handled
 * once; the folder is expunged on close. A handler that throws stops the poll: that message and
 * the rest stay for the next one.
 */
public final class Mailbox {
    private static final Logger log = LoggerFactory.getLogger(Mailbox.class);
    /** How much of a message's text a command may look at. */
    public static final int MAX_TEXT_CHARS = 64 * 1024;

    private final ImapConfig config;
    private final Session session;

    public Mailbox(ImapConfig config) {
        this.config = config;
        this.session = Session.getInstance(properties(config));
    }

    /** Decides about one message; returns normally once it is handled (even if ignored). */
    @FunctionalInterface
    public interface Handler {
        void handle(Received message);
    }

    static Properties properties(ImapConfig c) {
        return sessionProperties(c.host(), c.port(), c.security(), c.timeout(), c.timeout());
    }

    /**
     * Jakarta Mail settings for an IMAP store: {@code imaps} for implicit TLS, STARTTLS required when
     * asked for, the server's name checked whenever TLS is used, and timeouts on every step.
     */
    public static Properties sessionProperties(String host, int port, SmtpConfig.Security security,
                                               Duration connectTimeout, Duration timeout) {
        boolean tls = security == SmtpConfig.Security.TLS;
        String p = tls ? "mail.imaps." : "mail.imap.";
        Properties props = new Properties();
        props.put("mail.store.protocol", tls ? "imaps" : "imap");
        props.put(p + "host", host);
        props.put(p + "port", String.valueOf(port));
        props.put(p + "connectiontimeout", String.valueOf(connectTimeout.toMillis()));
        props.put(p + "timeout", String.valueOf(timeout.toMillis()));
        props.put(p + "writetimeout", String.valueOf(timeout.toMillis()));
        if (security == SmtpConfig.Security.STARTTLS) {
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true");
        }
        if (security != SmtpConfig.Security.NONE) {
            props.put(p + "ssl.checkserveridentity", "true");
        }
        return props;
    }

    /** Reads up to {@code max} messages and hands each to {@code handler}; returns how many were handled. */
    public int poll(int max, Handler handler) {
        Store store = connect();
        try {
            Folder folder = store.getFolder(config.folder());
            if (!folder.exists()) {
                throw new MailServerUnavailableException("The IMAP folder '" + config.folder() + "' does not exist in the"
                        + " mailbox " + config.username() + "@" + config.host() + " (IMAP_FOLDER)", null);
            }
            folder.open(Folder.READ_WRITE);
            int handled = 0;
            try {
                Folder target = processedFolder(store);
                Message[] waiting = folder.search(new FlagTerm(new Flags(Flags.Flag.DELETED), false));
                for (Message m : waiting) {
                    if (handled == max) {
                        break;
                    }
                    handler.handle(read(m));
                    if (target != null) {
                        folder.copyMessages(new Message[] {m}, target);
                    }
                    m.setFlags(new Flags(Flags.Flag.SEEN), true);
                    m.setFlag(Flags.Flag.DELETED, true);
                    handled++;
                }
            } finally {
                folder.close(true);
            }
            return handled;
        } catch (MessagingException e) {
            throw new MailServerUnavailableException("Cannot read the IMAP mailbox " + config.username() + "@" + config.host()
                    + ":" + config.port() + " (" + MailErrors.describe(e) + ")", e);
        } finally {
            try {
                store.close();
            } catch (MessagingException ignored) {
                // the poll is over either way
            }
        }
    }

    private Store connect() {
        try {
            Store store = session.getStore();
            store.connect(config.host(), config.port(), config.username(), config.password());
            return store;
        } catch (AuthenticationFailedException e) {
            throw new MailLoginException("The IMAP server " + config.host() + ":" + config.port()
                    + " refused the login of IMAP_USERNAME=" + config.username() + ": " + e.getMessage(), e);
        } catch (MessagingException e) {
            throw new MailServerUnavailableException("Cannot connect to the IMAP server " + config.host() + ":"
                    + config.port() + " (" + MailErrors.describe(e) + ")", e);
        }
    }

    private Folder processedFolder(Store store) throws MessagingException {
        if (config.processedFolder() == null) {
            return null;
        }
        Folder target = store.getFolder(config.processedFolder());
        if (!target.exists() && !target.create(Folder.HOLDS_MESSAGES)) {
            throw new MessagingException("cannot create the folder '" + config.processedFolder() + "' (IMAP_PROCESSED_FOLDER)");
        }
        return target;
    }

    /** Reduces a message to a {@link Received}; a part that cannot be read leaves its field empty. */
    static Received read(Message m) throws MessagingException {
        Map<String, List<String>> headers = new HashMap<>();
        Enumeration<Header> all = m.getAllHeaders();
        while (all.hasMoreElements()) {
            Header h = all.nextElement();
            headers.computeIfAbsent(h.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(unfold(h.getValue()));
        }
        String from = "";
        try {
            Address[] senders = m.getFrom();
            if (senders != null && senders.length > 0 && senders[0] instanceof InternetAddress ia && ia.getAddress() != null) {
                from = ia.getAddress();
            }
        } catch (MessagingException e) {
            log.debug("Unreadable From header: {}", e.getMessage());
        }
        String subject;
        try {
            subject = m.getSubject();
        } catch (MessagingException e) {
            subject = "";
        }
        String messageId = m instanceof MimeMessage mm ? mm.getMessageID() : null;
        String text;
        try {
            text = text(m, 0);
        } catch (IOException | MessagingException | RuntimeException e) {
            log.debug("Unreadable body in message {}: {}", messageId, e.toString());
            text = "";
        }
        if (text != null && text.length() > MAX_TEXT_CHARS) {
            text = text.substring(0, MAX_TEXT_CHARS);
        }
        return new Received(messageId, from, subject == null ? "" : unfold(subject), headers, text);
    }

    private static String text(Part p, int depth) throws MessagingException, IOException {
        if (depth > 5) {
            return null;
        }
        if (p.isMimeType("text/plain")) {
            return String.valueOf(p.getContent());
        }
        if (p.isMimeType("multipart/*") && p.getContent() instanceof Multipart mp) {
            String html = null;
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart part = mp.getBodyPart(i);
                if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                    continue;
                }
                if (part.isMimeType("text/html") && html == null) {
                    html = withoutTags(String.valueOf(part.getContent()));
                    continue;
                }
                String t = text(part, depth + 1);
                if (t != null) {
                    return t;
                }
            }
            return html;
        }
        if (p.isMimeType("text/html")) {
            return withoutTags(String.valueOf(p.getContent()));
        }
        return null;
    }

    private static String withoutTags(String html) {
        String s = html.length() > MAX_TEXT_CHARS * 2 ? html.substring(0, MAX_TEXT_CHARS * 2) : html;
        return s.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", " ")
                .replaceAll("(?i)<br\\s*/?>|</p>|</div>", "\n")
                .replaceAll("<[^>]*>", " ")
                .replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
    }

    private static String unfold(String value) {
        String v = value.replaceAll("\r?\n[ \t]+", " ");
        try {
            return MimeUtility.decodeText(v);
        } catch (UnsupportedEncodingException e) {
            return v;
        }
    }
}
