package org.paperdigest.catalog;

import java.util.List;

/**
 * What an import, an {@code add} or a feed refresh did: papers added, updated (same id, new
 * content), skipped (unchanged, or a duplicate by arXiv id, DOI or normalised title) and rejected,
 * with one line per skipped or rejected entry saying which and why. {@code addedIds} are the new papers.
 */
public record CatalogImportReport(int added, int updated, int skipped, int rejected, List<String> problems,
                                  List<String> notes, List<String> addedIds) {

    public CatalogImportReport {
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
        addedIds = List.copyOf(addedIds);
    }

    public String summary() {
        return "added " + added + ", updated " + updated + ", skipped " + skipped + ", rejected " + rejected;
    }
}
