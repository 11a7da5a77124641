package org.paperdigest.inbound;

import org.paperdigest.subscribers.Bounce;

/**
 * What a bounce message says: how bad ({@code kind}), the enhanced status code (RFC 3463, may be
 * null), the remote server's words, the address that failed, the Message-ID of our message it
 * quotes (may be null), whether it was a standard report ({@code dsn}) or free text ({@code text}),
 * and an id for the report itself.
 */
public record BounceReport(Bounce.Kind kind, String status, String diagnostic, String recipient, String originalMessageId,
                           String source, String reportId) {}
