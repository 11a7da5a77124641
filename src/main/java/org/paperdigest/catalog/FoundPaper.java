package org.paperdigest.catalog;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

/**
 * A paper as a source describes it, before it enters the catalog. {@code categories} are the
 * source's subject labels (arXiv categories, BibTeX keywords, feed categories); the catalog maps
 * them to topic tags. {@code arxivUrl} is the paper's page: on arXiv when the source names an
 * arXiv id, else whatever URL the source gives. Everything but the title may be null or empty.
 */
public record FoundPaper(
        String title,
        List<String> authors,
        LocalDate published,
        String venue,
        URI arxivUrl,
        String doi,
        URI codeUrl,
        String abstractText,
        List<String> categories,
        String source) {

    public FoundPaper {
        authors = authors == null ? List.of() : List.copyOf(authors);
        categories = categories == null ? List.of() : List.copyOf(categories);
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("a found paper needs a title");
        }
        title = title.strip().replaceAll("\\s+", " ");
        doi = doi == null || doi.isBlank() ? null : doi.strip();
        if (abstractText != null && abstractText.isBlank()) {
            abstractText = null;
        }
    }

    /** The arXiv identifier named by {@code arxivUrl}, or null. */
    public String arxivId() {
        return arxivUrl == null ? null : Paper.arxivIdIn(arxivUrl.toString());
    }
}
