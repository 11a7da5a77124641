package org.paperdigest.subscribers;

import java.time.Instant;
import java.util.List;

/**
 * One checked row of an imported list, as the file gives it. A field the file does not carry is
 * null (keep what is stored); {@code name} "" means the file says "no name". Times are the ones an
 * export writes (null when the file has none).
 */
public record ImportRow(long line, EmailAddress email, String name, List<String> topics, SubscriberStatus status, String source,
                        Instant createdAt, Instant confirmedAt, Instant unsubscribedAt, Instant bouncedAt) {

    public ImportRow {
        topics = topics == null ? null : List.copyOf(topics);
    }
}
