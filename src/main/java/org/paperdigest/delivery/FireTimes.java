package org.paperdigest.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** When scheduled issues are due: the schedule package answers from DIGEST_CRON and DIGEST_MISFIRE_GRACE. */
public interface FireTimes {
    /** The latest fire time in the grace window ending at {@code now}, if there is one. */
    Optional<Instant> latestDue(Instant now);

    /** Fire times before the grace window and after {@code since}: missed for good, to be logged. */
    List<Instant> missedBefore(Instant since, Instant now);

    /** The first fire time strictly after {@code after}, if the schedule fires again. */
    Optional<Instant> next(Instant after);

    /** A fire time as the operator reads it: in the digest's zone, with the instant. */
    default String describe(Instant at) {
        return at.toString();
    }
}
