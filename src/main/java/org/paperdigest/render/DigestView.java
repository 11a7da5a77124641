package org.paperdigest.render;

import java.util.List;

/**
 * Everything the digest templates can show, for one reader and one issue. Field names are the
 * Mustache variable names (see templates/README.md); templates naming anything else fail to load.
 * {@code viewInBrowserUrl} may be null.
 */
public record DigestView(
        String title,
        String listName,
        int issueNumber,
        String issueDate,
        String preheader,
        String greetingName,
        String email,
        List<String> topics,
        List<PaperView> papers,
        String unsubscribeUrl,
        String preferencesUrl,
        String papersUrl,
        @MayBeAbsent String viewInBrowserUrl,
        String fromAddress) {

    public DigestView {
        topics = List.copyOf(topics);
        papers = List.copyOf(papers);
    }

    public boolean hasTopics() {
        return !topics.isEmpty();
    }

    public int paperCount() {
        return papers.size();
    }

    /** The papers new to the catalog since the reader's previous issue, shown under "New this week". */
    public List<PaperView> newPapers() {
        return papers.stream().filter(PaperView::isNew).toList();
    }

    /** The rest, best-ranked papers the reader has not had yet, shown under "From the archive". */
    public List<PaperView> archivePapers() {
        return papers.stream().filter(p -> !p.isNew()).toList();
    }

    public boolean hasNewPapers() {
        return papers.stream().anyMatch(PaperView::isNew);
    }

    public boolean hasArchivePapers() {
        return papers.stream().anyMatch(p -> !p.isNew());
    }

    /**
     * One paper as the templates show it. {@code codeUrl}, {@code summary} and {@code whyItMatters}
     * may be null; without a summary, {@code abstractExcerpt} (the start of the paper's abstract,
     * labelled as such) stands in. {@code last} marks the last paper of its group.
     */
    public record PaperView(
            int position,
            int rank,
            String title,
            String arxivUrl,
            String authors,
            String venue,
            int year,
            String summary,
            String whyItMatters,
            @MayBeAbsent String codeUrl,
            List<String> tags,
            String reason,
            boolean last,
            String abstractExcerpt,
            boolean isNew) {

        public PaperView {
            tags = List.copyOf(tags);
        }

        /** A paper from the archive with our own summary. */
        public PaperView(int position, int rank, String title, String arxivUrl, String authors, String venue, int year,
                         String summary, String whyItMatters, String codeUrl, List<String> tags, String reason, boolean last) {
            this(position, rank, title, arxivUrl, authors, venue, year, summary, whyItMatters, codeUrl, tags, reason, last,
                    null, false);
        }

        /** True when there is no summary of ours but an abstract excerpt to show instead. */
        public boolean showsExcerpt() {
            return (summary == null || summary.isBlank()) && abstractExcerpt != null;
        }
    }
}
