package org.paperdigest.subscribers;

import java.util.Objects;

/**
 * One bounce or complaint to record: which delivery (subscriber and issue) came back, how badly,
 * what the remote server said, where we learnt it ({@code source}: dsn, arf, text:LAYOUT such as text:exim, or smtp) and the
 * id of the report, so the same report is never counted twice.
 */
public record Bounce(long subscriberId, int issue, Kind kind, String status, String diagnostic, String recipient, String source,
                     String reportId) {

    /**
     * Hard: the address does not exist, is disabled, or its domain takes no mail. Soft: it may work
     * later (mailbox full, temporary failure, message too large, policy or spam block). Complaint:
     * the reader reported a digest as spam (an ARF feedback report).
     */
    public enum Kind {
        HARD, SOFT, COMPLAINT;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Bounce {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reportId, "reportId");
        if (issue < 1) {
            throw new IllegalArgumentException("a bounce belongs to an issue, got " + issue);
        }
    }
}
