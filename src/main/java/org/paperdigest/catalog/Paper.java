package org.paperdigest.catalog;

import java.net.URI;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One paper of the catalog. {@code codeUrl}, {@code arxivUrl}, {@code summary}, {@code whyItMatters},
 * {@code abstractText}, {@code published}, {@code doi} and {@code publishedAt} may be null: a paper
 * found on arXiv or in a feed has no summary of ours until an editor writes one. {@code addedAt} is
 * when it entered the catalog, {@code publishedAt} when it was published into it (null for drafts).
 */
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
        int rank,
        String abstractText,
        LocalDate published,
        String doi,
        String source,
        PaperStatus status,
        Instant addedAt,
        Instant publishedAt) {

    /** How much of an abstract stands in for a missing summary. */
    static final int EXCERPT_CHARS = 280;
    private static final Pattern ARXIV_ID = Pattern.compile("arxiv\\.org/(?:abs|pdf)/([a-z-]+(?:\\.[A-Z]{2})?/\\d{7}|\\d{4}\\.\\d{4,5})");

    public Paper {
        authors = List.copyOf(authors);
        tags = List.copyOf(tags);
        if (id == null || id.isBlank() || title == null || title.isBlank()) {
            throw new IllegalArgumentException("a paper needs an id and a title");
        }
        if (status == null || source == null || addedAt == null) {
            throw new IllegalArgumentException("paper " + id + " needs a status, a source and the time it was added");
        }
        // DOIs are case-insensitive; one spelling keeps duplicate detection and exports stable.
        doi = doi == null ? null : doi.toLowerCase(Locale.ROOT);
    }

    /** A published paper as curated in a catalog file before papers had a history (added and published at the epoch). */
    public Paper(String id, String title, List<String> authors, int year, String venue, URI arxivUrl, URI codeUrl,
                 List<String> tags, String summary, String whyItMatters, int rank) {
        this(id, title, authors, year, venue, arxivUrl, codeUrl, tags, summary, whyItMatters, rank, null, null, null,
                "file", PaperStatus.PUBLISHED, Instant.EPOCH, Instant.EPOCH);
    }

    /** Formats the author list for reading: "A", "A and B", "A, B and C". */
    public String authorLine() {
        int n = authors.size();
        if (n <= 1) {
            return n == 0 ? "" : authors.get(0);
        }
        return String.join(", ", authors.subList(0, n - 1)) + " and " + authors.get(n - 1);
    }

    public boolean isPublished() {
        return status == PaperStatus.PUBLISHED;
    }

    /** The link a reader follows: the arXiv page, else the DOI, else null. */
    public URI link() {
        if (arxivUrl != null) {
            return arxivUrl;
        }
        return doi == null ? null : URI.create("https://doi.org/" + doi);
    }

    /** The arXiv identifier (without version) named by the arXiv URL, or null. */
    public String arxivId() {
        return arxivUrl == null ? null : arxivIdIn(arxivUrl.toString());
    }

    /** Finds an arXiv identifier (without version) in a URL or text, or returns null. */
    public static String arxivIdIn(String text) {
        Matcher m = ARXIV_ID.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    /** The title reduced for duplicate detection: accents, case, punctuation and spacing removed. */
    public String titleKey() {
        return titleKey(title);
    }

    public static String titleKey(String title) {
        String s = Normalizer.normalize(title, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    /** The start of the abstract, cut at a word and marked with an ellipsis when shortened; null without abstract. */
    public String abstractExcerpt() {
        if (abstractText == null || abstractText.isBlank()) {
            return null;
        }
        String s = abstractText.strip().replaceAll("\\s+", " ");
        if (s.length() <= EXCERPT_CHARS) {
            return s;
        }
        int cut = s.lastIndexOf(' ', EXCERPT_CHARS);
        return s.substring(0, cut > EXCERPT_CHARS / 2 ? cut : EXCERPT_CHARS).replaceAll("[\\s,;:.]+$", "") + "…";
    }

    /** This paper with a new status; publishing stamps {@code publishedAt} the first time. */
    public Paper withStatus(PaperStatus next, Instant now) {
        Instant at = next == PaperStatus.PUBLISHED ? (publishedAt != null && status == PaperStatus.PUBLISHED ? publishedAt : now)
                : publishedAt;
        return new Paper(id, title, authors, year, venue, arxivUrl, codeUrl, tags, summary, whyItMatters, rank,
                abstractText, published, doi, source, next, addedAt, at);
    }

    /** This paper with an editor's words and tags; null leaves a field as it is. */
    public Paper edited(String newSummary, String newWhy, List<String> newTags) {
        return new Paper(id, title, authors, year, venue, arxivUrl, codeUrl, newTags == null ? tags : newTags,
                newSummary == null ? summary : newSummary, newWhy == null ? whyItMatters : newWhy, rank,
                abstractText, published, doi, source, status, addedAt, publishedAt);
    }

    /** This paper at another rank (papers arriving after the file join at the end of the list). */
    public Paper ranked(int newRank) {
        return new Paper(id, title, authors, year, venue, arxivUrl, codeUrl, tags, summary, whyItMatters, newRank,
                abstractText, published, doi, source, status, addedAt, publishedAt);
    }

    /** This paper with its history taken from {@code earlier} (a re-import keeps when it entered the catalog). */
    public Paper keepingHistoryOf(Paper earlier) {
        return new Paper(id, title, authors, year, venue, arxivUrl, codeUrl, tags, summary, whyItMatters, rank,
                abstractText, published, doi, source, status, earlier.addedAt(),
                status == PaperStatus.PUBLISHED && earlier.publishedAt() != null ? earlier.publishedAt() : publishedAt);
    }
}
