package org.paperdigest.subscribers;

import java.time.Instant;
import java.util.List;

/** A reader on the list. {@code name} may be null; {@code topics} empty means "all topics". */
public record Subscriber(
        long id,
        String email,
        String name,
        List<String> topics,
        SubscriberStatus status,
        Instant createdAt,
        Instant confirmedAt,
        Instant unsubscribedAt,
        Instant bouncedAt) {

    public Subscriber {
        topics = List.copyOf(topics);
    }
}
