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

    /** One paper as the templates show it. {@code codeUrl} may be null. */
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
            boolean last) {

        public PaperView {
            tags = List.copyOf(tags);
        }
    }
}
