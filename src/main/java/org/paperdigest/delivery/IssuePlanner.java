package org.paperdigest.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.paperdigest.catalog.Pick;
import org.paperdigest.catalog.Picker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an issue's delivery rows before anything is sent: for each active subscriber, in id
 * order and a page per transaction, the papers they get — new to the catalog since their previous
 * issue first, then from the archive — or a skipped row when there is nothing left for them. Each page moves a checkpoint, so planning interrupted by a crash continues where it
 * stopped, and the unique (issue, subscriber) key makes a repeated page harmless.
 */
public final class IssuePlanner {
    private static final Logger log = LoggerFactory.getLogger(IssuePlanner.class);
    static final int PAGE = 1000;
    /** How far back "new" reaches for a reader who has had no issue yet. */
    public static final Duration FIRST_ISSUE_LOOKBACK = Duration.ofDays(7);

    private final Outbox outbox;
    private final IssueStore issues;
    private final Picker picker;

    public IssuePlanner(Outbox outbox, IssueStore issues, Picker picker) {
        this.outbox = outbox;
        this.issues = issues;
        this.picker = picker;
    }

    /** Plans the rest of {@code issue} and marks it ready to send; returns how many rows this call wrote. */
    public long plan(Issue issue) {
        if (issue.status() != Issue.Status.PLANNING) {
            return 0;
        }
        long after = issue.plannedThrough();
        long written = 0;
        long skipped = 0;
        long fewer = 0;
        // Papers published a moment ago belong in this issue.
        picker.refresh();
        // A reader's first issue leads with what was published in the week before it.
        Instant firstSince = issue.createdAt().minus(FIRST_ISSUE_LOOKBACK);
        Picker.Memo picks = picker.memo();
        while (true) {
            List<Outbox.Candidate> page = outbox.candidates(after, PAGE);
            if (page.isEmpty()) {
                break;
            }
            long first = page.get(0).subscriberId();
            long last = page.get(page.size() - 1).subscriberId();
            Map<Long, Set<String>> received = outbox.received(first, last);
            Map<Long, Instant> lastIssue = outbox.lastIssues(first, last, issue.number());
            List<Outbox.Planned> rows = new ArrayList<>(page.size());
            for (Outbox.Candidate c : page) {
                Instant since = lastIssue.getOrDefault(c.subscriberId(), firstSince);
                List<Pick> chosen = picks.pick(received.getOrDefault(c.subscriberId(), Set.of()), c.topics(),
                        issue.papersPerIssue(), since);
                rows.add(new Outbox.Planned(c.subscriberId(), chosen.stream().map(p -> p.paper().id()).toList(),
                        (int) chosen.stream().filter(Pick::isNew).count()));
                if (chosen.isEmpty()) {
                    skipped++;
                } else if (chosen.size() < issue.papersPerIssue()) {
                    fewer++;
                }
            }
            outbox.insertPlanned(issue.number(), rows, last);
            written += rows.size();
            after = last;
            if (page.size() < PAGE) {
                break;
            }
        }
        issues.finishPlanning(issue.number());
        if (skipped + fewer > 0) {
            log.warn("Issue {}: the catalog is running dry: {} readers skipped (nothing left for them), {} get fewer than {} papers;"
                    + " publish more (catalog drafts, catalog add, DIGEST_SOURCES)", issue.number(), skipped, fewer, issue.papersPerIssue());
        }
        return written;
    }
}
