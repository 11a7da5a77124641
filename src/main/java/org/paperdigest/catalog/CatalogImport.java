package org.paperdigest.catalog;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Brings entries into the catalog, whatever their origin (a file, arXiv, Crossref, a feed): our
 * JSON entries are synced by id; found papers get an id, the next rank and topic tags, and arrive
 * as drafts (or published); a paper already in the catalog or earlier in the same import — same
 * arXiv id, DOI or normalised title — is skipped. A dry run decides the same and writes nothing.
 */
public final class CatalogImport {
    private final CatalogStore store;
    private final TopicTable topics;

    public CatalogImport(CatalogStore store, TopicTable topics) {
        this.store = store;
        this.topics = topics;
    }

    /** How to bring entries in: publish found papers at once, extra tags for each, write nothing. */
    public record Options(boolean publish, List<String> extraTags, boolean dryRun) {
        public Options {
            extraTags = List.copyOf(extraTags);
        }

        public static Options drafts() {
            return new Options(false, List.of(), false);
        }
    }

    public synchronized CatalogImportReport run(List<ImportEntry> entries, Options options) {
        Instant now = store.clock().instant();
        Seen seen = new Seen();
        int added = 0;
        int updated = 0;
        int skipped = 0;
        int rejected = 0;
        int rank = store.nextRank();
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> addedIds = new ArrayList<>();
        for (ImportEntry e : entries) {
            if (e instanceof ImportEntry.Bad bad) {
                rejected++;
                problems.add(bad.reason());
            } else if (e instanceof ImportEntry.Curated curated) {
                Paper p = curated.paper();
                Optional<Paper> old = store.find(p.id());
                String dup = old.isPresent() ? null : duplicate(seen, p.arxivId(), p.doi(), p.title());
                if (dup != null) {
                    skipped++;
                    notes.add("\"" + p.id() + "\": the same paper as \"" + dup + "\"");
                } else if (old.isEmpty()) {
                    added++;
                    addedIds.add(p.id());
                    if (!options.dryRun()) {
                        store.add(p);
                    }
                } else if (!old.get().equals(p.keepingHistoryOf(old.get()))) {
                    updated++;
                    if (!options.dryRun()) {
                        store.save(p.keepingHistoryOf(old.get()));
                    }
                } else {
                    skipped++;
                }
                seen.add(p.id(), p.arxivId(), p.doi(), p.title());
            } else if (e instanceof ImportEntry.Found found) {
                FoundPaper f = found.paper();
                if (f.arxivUrl() == null && f.doi() == null) {
                    // A digest entry must link to the paper.
                    rejected++;
                    problems.add("\"" + shorten(f.title()) + "\": no link to the paper (arXiv id, DOI or URL)");
                    continue;
                }
                String dup = duplicate(seen, f.arxivId(), f.doi(), f.title());
                if (dup != null) {
                    skipped++;
                    notes.add("\"" + shorten(f.title()) + "\": already in the catalog as \"" + dup + "\"");
                    continue;
                }
                Paper p = paper(f, newId(f, seen), rank, now, options);
                seen.add(p.id(), p.arxivId(), p.doi(), p.title());
                rank++;
                added++;
                addedIds.add(p.id());
                if (!options.dryRun()) {
                    store.add(p);
                }
            }
        }
        return new CatalogImportReport(added, updated, skipped, rejected, problems, notes, addedIds);
    }

    private Paper paper(FoundPaper f, String id, int rank, Instant now, Options options) {
        Set<String> tags = new LinkedHashSet<>(topics.topics(f.categories()));
        tags.addAll(options.extraTags());
        int year = f.published() != null ? f.published().getYear() : now.atZone(ZoneOffset.UTC).getYear();
        String venue = f.venue() != null && !f.venue().isBlank() ? f.venue().strip() : f.arxivId() != null ? "arXiv" : "Preprint";
        PaperStatus status = options.publish() ? PaperStatus.PUBLISHED : PaperStatus.DRAFT;
        return new Paper(id, f.title(), f.authors(), year, venue, f.arxivUrl(), f.codeUrl(), List.copyOf(tags), null, null,
                rank, f.abstractText(), f.published(), f.doi(), f.source(), status, now,
                status == PaperStatus.PUBLISHED ? now : null);
    }

    /** An id from the title's first words and the year, made unique: "attention-is-all-you-need-2017". */
    private String newId(FoundPaper f, Seen seen) {
        String words = TopicTable.slug(f.title());
        if (words.length() > 40) {
            int cut = words.lastIndexOf('-', 40);
            words = words.substring(0, cut > 10 ? cut : 40);
        }
        if (words.isEmpty()) {
            words = "paper";
        }
        String base = words + (f.published() != null ? "-" + f.published().getYear() : "");
        String id = base;
        for (int n = 2; seen.ids.contains(id) || store.find(id).isPresent(); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    private String duplicate(Seen seen, String arxivId, String doi, String title) {
        String key = Paper.titleKey(title);
        String inFile = arxivId != null && seen.byArxiv.containsKey(arxivId) ? seen.byArxiv.get(arxivId)
                : doi != null && seen.byDoi.containsKey(doi.toLowerCase(java.util.Locale.ROOT)) ? seen.byDoi.get(doi.toLowerCase(java.util.Locale.ROOT))
                : seen.byTitle.get(key);
        return inFile != null ? inFile : store.duplicateOf(arxivId, doi, title).orElse(null);
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 59) + "…";
    }

    /** What this import has brought so far, so a paper twice in one file counts once (even in a dry run). */
    private static final class Seen {
        final Set<String> ids = new java.util.HashSet<>();
        final Map<String, String> byArxiv = new HashMap<>();
        final Map<String, String> byDoi = new HashMap<>();
        final Map<String, String> byTitle = new HashMap<>();

        void add(String id, String arxivId, String doi, String title) {
            ids.add(id);
            if (arxivId != null) {
                byArxiv.putIfAbsent(arxivId, id);
            }
            if (doi != null) {
                byDoi.putIfAbsent(doi.toLowerCase(java.util.Locale.ROOT), id);
            }
            byTitle.putIfAbsent(Paper.titleKey(title), id);
        }
    }
}
