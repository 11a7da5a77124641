package org.paperdigest.config;

import java.time.Duration;
import java.util.Locale;

/**
 * Where bounces go and what they do: the VERP envelope sender ({@code DIGEST_BOUNCE_ADDRESS},
 * null = the From address), how many bounced issues in a row make a reader {@code bounced}, and
 * the IMAP mailbox {@code run} polls for bounce reports ({@code mailbox} null = no polling).
 */
public record BounceConfig(String address, int hardLimit, int softLimit, Mailbox mailbox, Duration pollInterval) {

    /** Hard bounces (the address does not exist, e.g. 5.1.1) on issues in a row before a reader is marked bounced. */
    public static final int DEFAULT_HARD_LIMIT = 1;
    /** Bounced issues in a row with no delivery in between before a reader is marked bounced; 0 turns it off. */
    public static final int DEFAULT_SOFT_LIMIT = 6;

    /** An IMAP mailbox: where, how securely, whose, and which folder. */
    public record Mailbox(String host, int port, String username, String password, SmtpConfig.Security security, String folder) {
        @Override
        public String toString() {
            return "Mailbox[" + host + ":" + port + ", security=" + security + ", user=" + username + ", password=***, folder=" + folder + "]";
        }
    }

    /** Returns the local part and domain of the bounce address, split at the last {@code @}. */
    public String[] addressParts() {
        int at = address.lastIndexOf('@');
        return new String[] {address.substring(0, at), address.substring(at + 1)};
    }

    static BounceConfig read(Settings s) {
        String address = s.optional("DIGEST_BOUNCE_ADDRESS");
        if (address != null) {
            address = address.trim();
            if (!address.matches("[^\\s<>@+\"]+@[A-Za-z0-9.-]+\\.[A-Za-z0-9-]+")) {
                throw s.bad("DIGEST_BOUNCE_ADDRESS", address,
                        "a bare address without '+', such as bounces@example.org (a +token is added per recipient)");
            }
        }
        int hard = s.integer("DIGEST_BOUNCE_LIMIT", DEFAULT_HARD_LIMIT, 1, 100);
        int soft = s.integer("DIGEST_SOFT_BOUNCE_LIMIT", DEFAULT_SOFT_LIMIT, 0, 1000);
        Mailbox mailbox = null;
        String host = s.optional("BOUNCE_IMAP_HOST");
        if (host != null) {
            SmtpConfig.Security security = s.choice("BOUNCE_IMAP_SECURITY", SmtpConfig.Security.class, SmtpConfig.Security.TLS);
            String user = s.optional("BOUNCE_IMAP_USERNAME");
            String password = s.optional("BOUNCE_IMAP_PASSWORD");
            if (user == null || password == null) {
                throw new BadInputException("BOUNCE_IMAP_HOST is set, so BOUNCE_IMAP_USERNAME and BOUNCE_IMAP_PASSWORD must be set too");
            }
            mailbox = new Mailbox(host, s.integer("BOUNCE_IMAP_PORT", security == SmtpConfig.Security.TLS ? 993 : 143, 1, 65535),
                    user, password, security, s.string("BOUNCE_IMAP_FOLDER", "INBOX"));
        }
        Duration every = s.duration("BOUNCE_POLL_INTERVAL", Duration.ofMinutes(5));
        if (every.compareTo(Duration.ofSeconds(1)) < 0) {
            throw s.bad("BOUNCE_POLL_INTERVAL", every.toString().toLowerCase(Locale.ROOT), "at least 1s");
        }
        return new BounceConfig(address, hard, soft, mailbox, every);
    }
}
