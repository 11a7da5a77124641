package org.paperdigest.mail;

/** What happened to one message: sent, worth retrying later, refused for good, or a reason to stop sending at all. */
public sealed interface SendResult permits SendResult.Sent, SendResult.Retry, SendResult.Failed, SendResult.Stop {

    /** The server accepted the message. */
    record Sent(String messageId) implements SendResult {}

    /**
     * A temporary failure (4xx reply, timeout, dropped connection). {@code status} is the reply's
     * enhanced status code (RFC 3463), or null when there was no reply or it had none;
     * {@code connectionBroken} says the connection can no longer be used and must be replaced.
     * {@code sessionLimit} says the server refused because of a limit of this session (too many
     * messages or recipients on one connection: {@code 452 4.5.3}, a {@code 421} mid-session), not
     * because of the reader: on a fresh connection the message is likely to go through.
     */
    record Retry(String reason, String status, boolean connectionBroken, boolean sessionLimit) implements SendResult {
        public Retry(String reason, String status, boolean connectionBroken) {
            this(reason, status, connectionBroken, false);
        }
    }

    /**
     * A permanent refusal of this message (5xx), with the server's reply. {@code addressProblem}
     * says the recipient's address is what failed (refused at RCPT, or a 5.1.x status), which is
     * what counts as a hard bounce; a refused message (content, size) is not held against the reader.
     * {@code status} is the reply's enhanced status code, or null.
     */
    record Failed(String reason, String status, boolean addressProblem) implements SendResult {}

    /**
     * The server refuses every message from us, not this one (the sender or the transaction is
     * refused: relaying denied, sender not verified, quota): nothing was sent, nothing should be
     * recorded against the reader, and sending should stop until the configuration is fixed.
     */
    record Stop(String reason) implements SendResult {}
}
