package org.paperdigest.subscribers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Parses, checks and stores the topics a reader follows. */
public final class Topics {
    private Topics() {}

    /**
     * Splits "vision; nlp" or "vision,nlp" into normalised tags, refusing ones the catalog does not
     * know (so a typo is caught at the door instead of silently matching nothing).
     */
    public static List<String> parse(String raw, Set<String> known) {
        Set<String> out = new LinkedHashSet<>();
        if (raw == null) {
            return List.of();
        }
        for (String part : raw.split("[;,]")) {
            String t = part.strip().toLowerCase(Locale.ROOT);
            if (t.isEmpty()) {
                continue;
            }
            if (!known.contains(t)) {
                throw new IllegalArgumentException("unknown topic '" + t + "' (known topics: " + String.join(", ", known) + ")");
            }
            out.add(t);
        }
        return List.copyOf(out);
    }

    public static String toColumn(Collection<String> topics) {
        return String.join(",", topics);
    }

    public static List<String> fromColumn(String column) {
        if (column == null || column.isEmpty()) {
            return List.of();
        }
        return List.copyOf(new ArrayList<>(List.of(column.split(","))));
    }
}
