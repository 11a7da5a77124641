package org.paperdigest.mail;

/** What happened to one message: sent, worth retrying later, or refused for good. */
public sealed interface SendResult permits SendResult.Sent, SendResult.Retry, SendResult.Failed {

    /** The server accepted the message. */
    record Sent(String messageId) implements SendResult {}

    /**
     * A temporary failure (4xx reply, timeout, dropped connection). {@code connectionBroken} says
     * the connection can no longer be used and must be replaced.
     */
    record Retry(String reason, boolean connectionBroken) implements SendResult {}

    /** A permanent refusal (5xx), with the server's reply. */
    record Failed(String reason) implements SendResult {}
}
