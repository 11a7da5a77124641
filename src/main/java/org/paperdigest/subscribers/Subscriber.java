package org.paperdigest.subscribers;

import java.time.Instant;
import java.util.List;

/**
 * A reader on the list. {@code name} may be null; {@code topics} empty means "all topics";
 * {@code unsubscribedAt} is also the time of a complaint; {@code source} is how they first came
 * (web, email, import, cli).
 */
public record Subscriber(
        long id,
        String email,
        String name,
        List<String> topics,
        SubscriberStatus status,
        Instant createdAt,
        Instant confirmedAt,
        Instant unsubscribedAt,
        Instant bouncedAt,
        String source) {

    public Subscriber {
        topics = List.copyOf(topics);
    }
}
