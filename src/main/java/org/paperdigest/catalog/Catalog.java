package org.paperdigest.catalog;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The papers the digest draws from, in editorial order (rank 1 first), of every status: delivery
 * records may name a paper rejected since. Only {@link #published()} papers are picked or shown.
 * Immutable; papers are indexed by id, as every message of an issue looks its papers up.
 */
public final class Catalog implements CurrentCatalog {

    /** Newest published into the catalog first; ties by rank. */
    static final Comparator<Paper> NEWEST_FIRST = Comparator.comparing(Paper::publishedAt, Comparator.reverseOrder())
            .thenComparingInt(Paper::rank);

    private final String title;
    private final List<Paper> papers;
    private final String source;
    private final Map<String, Paper> byId = new HashMap<>();

    public Catalog(String title, List<Paper> papers, String source) {
        this.title = title;
        this.papers = papers.stream().sorted(Comparator.comparingInt(Paper::rank).thenComparing(Paper::id)).toList();
        this.source = source;
        this.papers.forEach(p -> byId.put(p.id(), p));
    }

    public String title() {
        return title;
    }

    /** Every paper, any status, in editorial order. */
    public List<Paper> papers() {
        return papers;
    }

    /** Where the catalog was read from ("database", a file name, the bundled resource). */
    public String source() {
        return source;
    }

    /** Returns every tag used by some published paper, sorted; these are the topics a reader can follow. */
    public Set<String> topics() {
        Set<String> all = new TreeSet<>();
        published().forEach(p -> all.addAll(p.tags()));
        return all;
    }

    public Optional<Paper> paper(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The published papers in editorial order. */
    public List<Paper> published() {
        return papers.stream().filter(Paper::isPublished).toList();
    }

    /** The published papers, newest published into the catalog first (the public pages' order). */
    public List<Paper> newestFirst() {
        return published().stream().sorted(NEWEST_FIRST).toList();
    }

    @Override
    public Catalog now() {
        return this;
    }

    @Override
    public Catalog fresh() {
        return this;
    }
}
