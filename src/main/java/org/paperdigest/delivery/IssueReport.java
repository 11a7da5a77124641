package org.paperdigest.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** What went out for one issue: deliveries by status, first and last send, top failure reasons. */
public record IssueReport(Issue issue, Map<String, Long> counts, Instant firstSent, Instant lastSent, Map<String, Long> topErrors) {

    public long count(String status) {
        return counts.getOrDefault(status, 0L);
    }

    /** All deliveries planned for the issue, including skipped readers. */
    public long planned() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Sent messages per second between the first and the last send, or 0 when unknown. */
    public double messagesPerSecond() {
        long sent = count("sent");
        if (firstSent == null || lastSent == null || sent < 2) {
            return 0;
        }
        double seconds = Duration.between(firstSent, lastSent).toMillis() / 1000.0;
        return seconds <= 0 ? 0 : (sent - 1) / seconds;
    }
}
