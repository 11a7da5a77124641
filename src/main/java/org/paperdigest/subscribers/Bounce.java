package org.paperdigest.subscribers;

import java.util.Objects;

/**
 * One bounce to record: which delivery (subscriber and issue) came back, how badly, what the
 * remote server said, where we learnt it ({@code source}: dsn, text or smtp) and the id of the
 * report, so the same report is never counted twice.
 */
public record Bounce(long subscriberId, int issue, Kind kind, String status, String diagnostic, String recipient, String source,
                     String reportId) {

    /** Hard: permanent (5.x.x), the address will not work. Soft: temporary (4.x.x), it may work later. */
    public enum Kind {
        HARD, SOFT;

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
