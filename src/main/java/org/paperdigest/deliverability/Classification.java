package org.paperdigest.deliverability;

import java.util.List;
import java.util.Objects;

/**
 * What a report says: its kind, the address it is about ({@code recipient}, may be null), the RFC
 * 3463 status (from a DSN field or an SMTP reply line only; may be null), the remote server's reply
 * ({@code reply}, may be null), the reason in words, where it was read from ({@code source}:
 * {@code dsn}, {@code arf}, {@code text:<layout>} or {@code none}), the Message-IDs of ours it
 * quotes, and an id of the report itself so it is counted once.
 */
public record Classification(ReportKind kind, String recipient, String status, String reply, String reason, String source,
                             List<String> quotedMessageIds, String reportId) {
    public Classification {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(source, "source");
        quotedMessageIds = List.copyOf(quotedMessageIds);
    }

    /** The same report with another kind and reason (a report about mail we did not send is ignored). */
    public Classification as(ReportKind newKind, String newReason) {
        return new Classification(newKind, recipient, status, reply, newReason, source, quotedMessageIds, reportId);
    }
}
