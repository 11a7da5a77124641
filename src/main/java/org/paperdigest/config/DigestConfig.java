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
        Duration claimLease,
        String secretPrevious, // verifies links signed before a rotation, never signs; null when unset
        int requestMailsPerHour) {

    /** Shortest DIGEST_SECRET accepted by {@code run} and {@code send}, in bytes ({@code openssl rand -hex 32} gives 64). */
    public static final int MIN_SECRET_BYTES = 32;
    /** Words that mark a secret copied from documentation rather than generated. */
    private static final java.util.List<String> PLACEHOLDERS = java.util.List.of("changeme", "change-me", "change_me",
            "replace-me", "replace_me", "replace-with", "your-secret", "yoursecret", "example", "placeholder");

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

    /**
     * Returns the secret if it is fit to sign links sent to strangers: at least {@link #MIN_SECRET_BYTES}
     * bytes and not a well-known placeholder (a weak key is cracked offline from one confirmation
     * token, and forged tokens then unsubscribe anyone). The same holds for DIGEST_SECRET_PREVIOUS.
     */
    public String requireStrongSecret() {
        checkStrength("DIGEST_SECRET", requireSecret());
        if (secretPrevious != null) {
            checkStrength("DIGEST_SECRET_PREVIOUS", secretPrevious);
        }
        return secret;
    }

    private static void checkStrength(String name, String value) {
        String folded = value.strip().toLowerCase(java.util.Locale.ROOT);
        boolean placeholder = PLACEHOLDERS.stream().anyMatch(folded::contains) || folded.chars().distinct().count() <= 2;
        int bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (placeholder || bytes < MIN_SECRET_BYTES) {
            throw new BadInputException(name + " is too weak (" + (placeholder ? "a well-known placeholder" : bytes + " bytes")
                    + "): it must be at least " + MIN_SECRET_BYTES + " random bytes, or a link token could be cracked"
                    + " offline and used to forge links; make one with `openssl rand -hex 32`");
        }
    }

    static String bareAddress(String mailbox) {
        int lt = mailbox.lastIndexOf('<');
        int gt = mailbox.lastIndexOf('>');
        return lt >= 0 && gt > lt ? mailbox.substring(lt + 1, gt).trim() : mailbox.trim();
    }

    @Override
    public String toString() {
        return "DigestConfig[from=" + from + ", baseUrl=" + baseUrl + ", secret=" + (secret == null ? "unset" : "***")
                + ", secretPrevious=" + (secretPrevious == null ? "unset" : "***")
                + ", cron=" + cron + ", timezone=" + timezone + ", papersPerIssue=" + papersPerIssue + "]";
    }
}
