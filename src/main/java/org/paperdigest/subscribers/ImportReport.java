package org.paperdigest.subscribers;

import java.util.List;

/**
 * What a CSV import did: new subscribers, changed ones, rows that changed nothing, and rejected
 * rows with their line numbers ("line 7: ..."). Notes are informational (e.g. a row for someone
 * who unsubscribed, kept unsubscribed). The counts are exact; the lists keep the first 1,000 lines
 * each (an {@link ImportLog} hears every one).
 */
public record ImportReport(int imported, int updated, int skipped, int rejected, List<String> problems, List<String> notes) {

    public ImportReport {
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    public String summary() {
        return "imported " + imported + ", updated " + updated + ", skipped " + skipped + ", rejected " + rejected;
    }
}
