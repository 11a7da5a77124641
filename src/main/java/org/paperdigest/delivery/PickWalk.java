package org.paperdigest.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.paperdigest.catalog.Pick;
import org.paperdigest.catalog.Picker;

/**
 * Picks the next issue for every active subscriber in memory, a page at a time, as planning
 * would (new since the reader's last issue first, then the archive), writing nothing: for the dry
 * run and the runway.
 */
final class PickWalk {
    private final Outbox outbox;
    private final Picker picker;

    PickWalk(Outbox outbox, Picker picker) {
        this.outbox = outbox;
        this.picker = picker;
    }

    /** One reader's picks, with what they have received before. */
    interface Visitor {
        void visit(Outbox.Candidate reader, Set<String> received, List<Pick> picks);
    }

    /** Walks every active subscriber for issue {@code number} dated {@code date}. */
    void walk(int number, Instant date, int papersPerIssue, Visitor visitor) {
        picker.refresh();
        Instant firstSince = date.minus(IssuePlanner.FIRST_ISSUE_LOOKBACK);
        long after = 0;
        while (true) {
            List<Outbox.Candidate> page = outbox.candidates(after, IssuePlanner.PAGE);
            if (page.isEmpty()) {
                return;
            }
            long first = page.get(0).subscriberId();
            long last = page.get(page.size() - 1).subscriberId();
            Map<Long, Set<String>> received = outbox.received(first, last);
            Map<Long, Instant> lastIssue = outbox.lastIssues(first, last, number);
            for (Outbox.Candidate c : page) {
                Set<String> had = received.getOrDefault(c.subscriberId(), Set.of());
                visitor.visit(c, had, picker.pick(had, c.topics(), papersPerIssue,
                        lastIssue.getOrDefault(c.subscriberId(), firstSince)));
            }
            if (page.size() < IssuePlanner.PAGE) {
                return;
            }
            after = last;
        }
    }
}
