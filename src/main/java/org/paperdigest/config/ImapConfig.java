package org.paperdigest.config;

import java.time.Duration;

/**
 * The request mailbox that {@code run} polls for email commands ({@code subscribe},
 * {@code unsubscribe}, confirmation replies). Its address is DIGEST_REQUEST_ADDRESS, which the
 * digest's {@code List-Unsubscribe} mailto points at. {@code processedFolder} null means
 * processed messages are deleted rather than moved.
 */
public record ImapConfig(
        String host,
        int port,
        String username,
        String password,
        SmtpConfig.Security security,
        String folder,
        String processedFolder,
        Duration pollInterval,
        Duration timeout) {

    public ImapConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("IMAP host is empty");
        }
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("IMAP username is empty");
        }
        if (folder == null || folder.isBlank()) {
            throw new IllegalArgumentException("IMAP folder is empty");
        }
        if (pollInterval.isZero() || pollInterval.isNegative()) {
            throw new IllegalArgumentException("IMAP poll interval must be positive");
        }
    }

    /** Describes the mailbox without the password, for logs and messages. */
    @Override
    public String toString() {
        return "ImapConfig[" + username + "@" + host + ":" + port + "/" + folder + ", security=" + security
                + ", password=" + (password == null ? "unset" : "***") + ", every " + pollInterval + "]";
    }
}
