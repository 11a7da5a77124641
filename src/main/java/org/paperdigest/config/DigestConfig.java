package org.paperdigest.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;

/** What the digest is, who sends it, where its links point and when it goes out. */
public record DigestConfig(
        String from,
        String replyTo,
        URI baseUrl,
        String secret,
        String cron,
        ZoneId timezone,
        int papersPerIssue,
        Path catalog,
        Path templates, // null: ./templates if present, else the copy bundled in the jar
        String requestAddress,
        Duration misfireGrace,
        Duration claimLease) {

    /** Returns the bare address of {@link #from()} (without a display name). */
    public String fromAddress() {
        return bareAddress(from);
    }

    /** Returns the domain of the From address, used for Message-IDs and the List-Id. */
    public String fromDomain() {
        String a = fromAddress();
        return a.substring(a.lastIndexOf('@') + 1);
    }

    /** Returns the List-Id value (RFC 2919): a name and a domain-like identifier. */
    public String listId() {
        return "Paper Digest <digest." + fromDomain() + ">";
    }

    /** Returns the secret for signed links, or fails with a message naming the variable. */
    public String requireSecret() {
        if (secret == null || secret.isBlank()) {
            throw new BadInputException("DIGEST_SECRET is not set: it is the key that signs unsubscribe and"
                    + " confirmation links; set it to a long random string, e.g. `openssl rand -hex 32`");
        }
        return secret;
    }

    static String bareAddress(String mailbox) {
        int lt = mailbox.lastIndexOf('<');
        int gt = mailbox.lastIndexOf('>');
        return lt >= 0 && gt > lt ? mailbox.substring(lt + 1, gt).trim() : mailbox.trim();
    }

    @Override
    public String toString() {
        return "DigestConfig[from=" + from + ", baseUrl=" + baseUrl + ", secret=" + (secret == null ? "unset" : "***")
                + ", cron=" + cron + ", timezone=" + timezone + ", papersPerIssue=" + papersPerIssue + "]";
    }
}
