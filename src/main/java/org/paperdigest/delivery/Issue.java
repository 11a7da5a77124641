package org.paperdigest.delivery;

import java.time.Instant;

/** One numbered issue of the digest: a weekly run or a one-off send. */
public record Issue(
        int number,
        Kind kind,
        Status status,
        Instant scheduledFor,
        int papersPerIssue,
        long plannedThrough,
        Instant createdAt,
        Instant plannedAt,
        Instant finishedAt) {

    /** How the issue came about. */
    public enum Kind { SCHEDULED, MANUAL }

    /** planning → sending → done. */
    public enum Status { PLANNING, SENDING, DONE }

    public boolean finished() {
        return status == Status.DONE;
    }
}
