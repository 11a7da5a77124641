package org.paperdigest.catalog;

import java.net.URI;
import java.util.List;

/** One paper of the catalog, as the editor curated it. {@code codeUrl} is null when there is no code. */
public record Paper(
        String id,
        String title,
        List<String> authors,
        int year,
        String venue,
        URI arxivUrl,
        URI codeUrl,
        List<String> tags,
        String summary,
        String whyItMatters,
        int rank) {

    public Paper {
        authors = List.copyOf(authors);
        tags = List.copyOf(tags);
        if (id == null || id.isBlank() || title == null || title.isBlank()) {
            throw new IllegalArgumentException("a paper needs an id and a title");
        }
    }

    /** Formats the author list for reading: "A", "A and B", "A, B and C". */
    public String authorLine() {
        int n = authors.size();
        if (n <= 1) {
            return n == 0 ? "" : authors.get(0);
        }
        return String.join(", ", authors.subList(0, n - 1)) + " and " + authors.get(n - 1);
    }
}
