package org.paperdigest.catalog;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The papers the digest draws from, in editorial order (rank 1 first). */
public record Catalog(String title, List<Paper> papers, String source) {

    public Catalog {
        papers = papers.stream().sorted(Comparator.comparingInt(Paper::rank)).toList();
    }

    /** Returns every tag used by some paper, sorted; these are the topics a reader can follow. */
    public Set<String> topics() {
        Set<String> all = new TreeSet<>();
        papers.forEach(p -> all.addAll(p.tags()));
        return all;
    }

    public Optional<Paper> paper(String id) {
        return papers.stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
