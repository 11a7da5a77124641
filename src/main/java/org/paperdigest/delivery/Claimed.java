package org.paperdigest.delivery;

import java.util.List;

/** A delivery this sender has claimed, with what it needs to compose the message ({@code newPapers}: how many lead as new). */
record Claimed(
        long deliveryId,
        long subscriberId,
        List<String> paperIds,
        int attempts,
        String email,
        String name,
        List<String> topics,
        boolean subscriberActive,
        int newPapers) {}
