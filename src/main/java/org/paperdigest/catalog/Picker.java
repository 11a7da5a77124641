package org.paperdigest.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses the papers of one issue for one reader, newest first: papers published into the catalog
 * since the reader's previous issue lead (those matching the reader's topics first, newest first),
 * then the highest-ranked papers the reader has never received fill the rest (matching ones first).
 * An empty result means the reader has had everything and should be skipped.
 */
public final class Picker {
    private final CurrentCatalog catalogs;
    private volatile Lists lists;

    public Picker(CurrentCatalog catalogs) {
        this.catalogs = catalogs;
    }

    /** The published papers of one catalog snapshot, indexed for picking. */
    private record Lists(Catalog catalog, List<Paper> byRank, List<Paper> newest, Map<String, List<Paper>> byTopic) {
        static Lists of(Catalog c) {
            List<Paper> byRank = c.published();
            Map<String, List<Paper>> byTopic = new HashMap<>();
            for (Paper p : byRank) {
                for (String t : p.tags()) {
                    byTopic.computeIfAbsent(t, k -> new ArrayList<>()).add(p);
                }
            }
            return new Lists(c, byRank, c.newestFirst(), byTopic);
        }
    }

    /** Reads the catalog again (call at the start of an issue, so papers published a moment ago count). */
    public void refresh() {
        lists = Lists.of(catalogs.fresh());
    }

    private Lists lists() {
        Catalog now = catalogs.now();
        Lists l = lists;
        if (l == null || l.catalog() != now) {
            l = Lists.of(now);
            lists = l;
        }
        return l;
    }

    /** Picks from the archive alone (no paper counts as new). */
    public List<Pick> pick(Set<String> received, Collection<String> topics, int count) {
        return pick(received, topics, count, null);
    }

    /**
     * Picks up to {@code count} papers the reader has not received; papers published into the
     * catalog after {@code since} (null: none) come first.
     */
    public List<Pick> pick(Set<String> received, Collection<String> topics, int count, Instant since) {
        Lists l = lists();
        List<Pick> picks = new ArrayList<>(count);
        Set<String> taken = new HashSet<>();
        if (since != null) {
            List<Pick> others = new ArrayList<>();
            for (Paper p : l.newest()) {
                if (!p.publishedAt().isAfter(since) || picks.size() == count) {
                    break;
                }
                if (received.contains(p.id())) {
                    continue;
                }
                String topic = firstMatch(p, topics);
                if (topic != null) {
                    picks.add(new Pick(p, topic, true));
                } else {
                    others.add(new Pick(p, null, true));
                }
            }
            for (Pick o : others) {
                if (picks.size() == count) {
                    break;
                }
                picks.add(o);
            }
            picks.forEach(p -> taken.add(p.paper().id()));
        }
        int room = count - picks.size();
        if (room > 0) {
            picks.addAll(archive(l, received, taken, topics, room));
        }
        return picks;
    }

    /**
     * Picks for many readers in a row (one walk over the list, on one thread): readers with the same
     * papers received, topics, count and date of their last issue get the same picks, so the picks
     * are made once for each of those and shared. It remembers at most {@link #MEMO_SIZE} of them
     * (readers in id order joined at about the same time, so neighbours tend to share a history), and
     * forgets them when the catalog changes.
     */
    public Memo memo() {
        return new Memo();
    }

    static final int MEMO_SIZE = 256;

    /** See {@link #memo()}. */
    public final class Memo {
        private final Map<MemoKey, List<Pick>> picks = new HashMap<>();
        private Lists from;

        private Memo() {}

        /** As {@link Picker#pick(Set, Collection, int, Instant)}. */
        public List<Pick> pick(Set<String> received, Collection<String> topics, int count, Instant since) {
            Lists l = lists();
            if (l != from || picks.size() >= MEMO_SIZE) {
                picks.clear();
                from = l;
            }
            MemoKey key = new MemoKey(received, topics, count, since);
            List<Pick> p = picks.get(key);
            if (p == null) {
                p = List.copyOf(Picker.this.pick(received, topics, count, since));
                picks.put(key, p);
            }
            return p;
        }
    }

    private record MemoKey(Set<String> received, Collection<String> topics, int count, Instant since) {}

    /** The best-ranked unread papers: those matching a topic first, then the rest, each by rank. */
    private static List<Pick> archive(Lists l, Set<String> received, Set<String> taken, Collection<String> topics, int count) {
        // The best `count` matching papers are among the best `count` of each topic's own list.
        Set<Paper> matching = new HashSet<>();
        for (String t : topics) {
            int found = 0;
            for (Paper p : l.byTopic().getOrDefault(t, List.of())) {
                if (found == count) {
                    break;
                }
                if (!received.contains(p.id()) && !taken.contains(p.id())) {
                    matching.add(p);
                    found++;
                }
            }
        }
        List<Pick> picks = new ArrayList<>(count);
        matching.stream().sorted(Comparator.comparingInt(Paper::rank)).limit(count)
                .forEach(p -> picks.add(new Pick(p, firstMatch(p, topics))));
        for (Paper p : l.byRank()) {
            if (picks.size() == count) {
                break;
            }
            if (!received.contains(p.id()) && !taken.contains(p.id()) && firstMatch(p, topics) == null) {
                picks.add(new Pick(p, null));
            }
        }
        return picks;
    }

    /** Returns the first of the reader's topics that the paper is tagged with, or null. */
    public static String firstMatch(Paper p, Collection<String> topics) {
        for (String topic : topics) {
            if (p.tags().contains(topic)) {
                return topic;
            }
        }
        return null;
    }
}
