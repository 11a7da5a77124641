package org.paperdigest.catalog;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the feeds of DIGEST_SOURCES (conditional GET) and brings their items into the catalog,
 * as drafts or published. One log line per source says what happened — new, unchanged or failed
 * and why; a failing or malformed source is reported and skipped, never thrown, so an issue never
 * waits on it.
 */
public final class SourceRefresh {
    private static final Logger log = LoggerFactory.getLogger(SourceRefresh.class);

    private final List<URI> sources;
    private final FeedFetcher fetcher;
    private final SourceStates states;
    private final java.util.function.Function<URI, EntryFormat> formatFor;
    private final CatalogImport importer;
    private final boolean autoPublish;

    public SourceRefresh(List<URI> sources, FeedFetcher fetcher, SourceStates states,
                         java.util.function.Function<URI, EntryFormat> formatFor, CatalogImport importer, boolean autoPublish) {
        this.sources = List.copyOf(sources);
        this.fetcher = fetcher;
        this.states = states;
        this.formatFor = formatFor;
        this.importer = importer;
        this.autoPublish = autoPublish;
    }

    /** What one source gave: its line for the log and the CLI. */
    public record Outcome(URI source, String line, int added, boolean failed) {}

    /** Fetches every source once; returns one outcome per source, in order. */
    public List<Outcome> refresh() {
        List<Outcome> out = new ArrayList<>();
        for (URI url : sources) {
            Outcome o = refresh(url);
            if (o.failed()) {
                log.warn("Source {}: {}", url, o.line());
            } else {
                log.info("Source {}: {}", url, o.line());
            }
            out.add(o);
        }
        return out;
    }

    private Outcome refresh(URI url) {
        SourceStates.State previous = states.get(url);
        FeedFetcher.Fetched fetched;
        try {
            fetched = fetcher.fetch(url, previous.etag(), previous.lastModified());
        } catch (RuntimeException e) {
            fetched = new FeedFetcher.Failed(e.getMessage());
        }
        if (fetched instanceof FeedFetcher.Unchanged) {
            states.put(url, previous.etag(), previous.lastModified(), "unchanged");
            return new Outcome(url, "unchanged (304 Not Modified)", 0, false);
        }
        if (fetched instanceof FeedFetcher.Failed f) {
            // Keep the old validators: the next fetch is still conditional.
            states.put(url, previous.etag(), previous.lastModified(), "failed: " + f.reason());
            return new Outcome(url, "failed: " + f.reason(), 0, true);
        }
        FeedFetcher.Changed changed = (FeedFetcher.Changed) fetched;
        CatalogImportReport report;
        try {
            List<ImportEntry> entries = formatFor.apply(url).read(changed.body(), url.toString());
            report = importer.run(entries, new CatalogImport.Options(autoPublish, List.of(), false));
        } catch (RuntimeException e) {
            states.put(url, previous.etag(), previous.lastModified(), "failed: " + e.getMessage());
            return new Outcome(url, "failed: " + e.getMessage(), 0, true);
        }
        String line = report.added() + " new" + (autoPublish ? " (published)" : " (drafts)") + ", " + report.skipped()
                + " already known" + (report.rejected() > 0 ? ", " + report.rejected() + " unusable" : "");
        states.put(url, changed.etag(), changed.lastModified(), line);
        return new Outcome(url, line, report.added(), false);
    }
}
