package org.paperdigest.delivery;

import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.paperdigest.catalog.CurrentCatalog;
import org.paperdigest.catalog.Paper;
import org.paperdigest.catalog.Picker;

/**
 * Looks ahead so the digest never runs dry unnoticed: how many readers the next issue would skip
 * (nothing left for them) or short (fewer papers than DIGEST_PAPERS_PER_ISSUE), and for each topic
 * how many more issues its most-read follower can get from it before it runs out.
 */
public final class Runway {
    private final Outbox outbox;
    private final IssueStore issues;
    private final Picker picker;
    private final CurrentCatalog catalogs;
    private final Clock clock;
    private final int papersPerIssue;

    public Runway(Outbox outbox, IssueStore issues, Picker picker, CurrentCatalog catalogs, Clock clock, int papersPerIssue) {
        this.outbox = outbox;
        this.issues = issues;
        this.picker = picker;
        this.catalogs = catalogs;
        this.clock = clock;
        this.papersPerIssue = papersPerIssue;
    }

    /**
     * The next issue seen from now: {@code readers} active, {@code skipped} would get nothing,
     * {@code fewer} would get fewer than {@code papersPerIssue}; {@code issuesLeftByTopic}: for each
     * followed topic, full issues of unread papers on it left for the follower who has read most.
     */
    public record Forecast(long readers, long skipped, long fewer, int papersPerIssue, Map<String, Integer> issuesLeftByTopic) {

        /** A one-line warning when the next issue would skip readers or carry fewer papers, else null. */
        public String warning() {
            if (skipped == 0 && fewer == 0) {
                return null;
            }
            return "the catalog is running dry: the next issue would skip " + skipped + " of " + readers
                    + " readers (nothing left for them) and give " + fewer + " fewer than " + papersPerIssue
                    + " papers; publish more (catalog drafts, catalog add, DIGEST_SOURCES)";
        }
    }

    public Forecast next() {
        int number = issues.latest().map(i -> i.number() + 1).orElse(1);
        Map<String, Set<String>> byTopic = new HashMap<>();
        for (Paper p : catalogs.fresh().published()) {
            for (String t : p.tags()) {
                byTopic.computeIfAbsent(t, k -> new HashSet<>()).add(p.id());
            }
        }
        long[] counts = new long[3];
        Map<String, Integer> leastUnread = new TreeMap<>();
        new PickWalk(outbox, picker).walk(number, clock.instant(), papersPerIssue, (c, received, picks) -> {
            counts[0]++;
            if (picks.isEmpty()) {
                counts[1]++;
            } else if (picks.size() < papersPerIssue) {
                counts[2]++;
            }
            for (String t : c.topics()) {
                Set<String> onTopic = byTopic.getOrDefault(t, Set.of());
                int unread = 0;
                for (String id : onTopic) {
                    if (!received.contains(id)) {
                        unread++;
                    }
                }
                leastUnread.merge(t, unread, Math::min);
            }
        });
        Map<String, Integer> issuesLeft = new TreeMap<>();
        leastUnread.forEach((t, unread) -> issuesLeft.put(t, unread / papersPerIssue));
        return new Forecast(counts[0], counts[1], counts[2], papersPerIssue, issuesLeft);
    }
}
