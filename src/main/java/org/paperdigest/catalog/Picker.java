package org.paperdigest.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Chooses the papers of one issue for one reader: the highest-ranked papers the reader has never
 * received, those matching the reader's topics first. An empty result means the reader has had
 * everything and should be skipped.
 */
public final class Picker {
    private final List<Paper> byRank;

    public Picker(Catalog catalog) {
        this.byRank = catalog.papers();
    }

    public List<Pick> pick(Set<String> received, Collection<String> topics, int count) {
        List<Pick> matching = new ArrayList<>(count);
        List<Pick> others = new ArrayList<>(count);
        for (Paper p : byRank) {
            if (received.contains(p.id())) {
                continue;
            }
            String topic = firstMatch(p, topics);
            if (topic != null) {
                if (matching.size() < count) {
                    matching.add(new Pick(p, topic));
                }
            } else if (others.size() < count) {
                others.add(new Pick(p, null));
            }
            if (matching.size() == count) {
                break;
            }
        }
        List<Pick> picks = new ArrayList<>(matching);
        for (Pick o : others) {
            if (picks.size() == count) {
                break;
            }
            picks.add(o);
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
