package org.paperdigest.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps a source's subject labels to our topic tags: arXiv categories by the table in
 * {@code catalog/arxiv-topics.tsv} (one "category, tab, topic" a line, overridable with
 * DIGEST_ARXIV_TOPICS), other labels (BibTeX keywords, feed categories) by their slug.
 */
public final class TopicTable {
    static final String RESOURCE = "catalog/arxiv-topics.tsv";

    private final Map<String, String> table;

    public TopicTable(Map<String, String> table) {
        this.table = Map.copyOf(table);
    }

    /** The bundled table with {@code overrides} (DIGEST_ARXIV_TOPICS) taking precedence. */
    public static TopicTable bundled(Map<String, String> overrides) {
        Map<String, String> t = new LinkedHashMap<>();
        try (InputStream in = TopicTable.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The topic table " + RESOURCE + " is missing from the jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] cols = line.split("\t");
                    t.put(cols[0].strip(), cols[1].strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        t.putAll(overrides);
        return new TopicTable(t);
    }

    /** Returns the topic tags of {@code labels}, in order, without repeats; unmapped arXiv categories are dropped. */
    public List<String> topics(List<String> labels) {
        Set<String> out = new LinkedHashSet<>();
        for (String label : labels) {
            String l = label.strip();
            String mapped = table.get(l);
            if (mapped != null) {
                out.add(mapped);
            } else if (!l.matches("[a-zA-Z-]+\\.[A-Za-z-]+")) {
                // Not an arXiv category: a keyword such as "Deep Learning" becomes "deep-learning".
                String slug = slug(l);
                if (!slug.isEmpty() && slug.length() <= 40) {
                    out.add(slug);
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** Lower-case letters, digits and dashes, accents removed: "Graph Neural Nets!" becomes "graph-neural-nets". */
    public static String slug(String s) {
        String plain = Normalizer.normalize(s, Normalizer.Form.NFKD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        return plain.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    }
}
