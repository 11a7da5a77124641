package org.paperdigest.subscribers;

import java.util.List;
import java.util.Optional;

/**
 * What an import does to the list, row by row, through {@link Consent} (the same rules as every
 * other path): a new address arrives with the status and dates the file gives (active when it
 * gives none) unless it is suppressed; for a reader already here only the fields the file carries
 * are updated; an opt-out in the file ({@code unsubscribed}, {@code bounced}, {@code complained})
 * is applied to a reader who is pending or active (an opt-out sync); {@code active} in the file
 * never re-activates anyone who left and never confirms a pending reader. Every skipped
 * suppressed or opted-out address gets a note.
 */
final class ImportApplier {
    private ImportApplier() {}

    /** Running totals of one import, and its notes ("line 7: …"). */
    public interface Tally {
        void imported();

        void updated();

        void skipped();

        void note(String note);
    }

    /** Applies one row inside an import's transaction (see {@link SubscriberCsv}). */
    static void apply(Consent.Batch b, ImportRow row, String file, Tally tally) throws java.sql.SQLException {
        String where = "line " + row.line() + ": " + row.email();
        Optional<Subscriber> existing = b.find(row.email());
        if (existing.isEmpty()) {
            Optional<Consent.Suppression> suppressed = b.suppression(row.email());
            if (suppressed.isPresent()) {
                tally.skipped();
                tally.note(where + " was removed (" + suppressed.get().reason() + ") and is suppressed; not imported");
                return;
            }
            b.arrive(new Consent.Arrival(row.email(), row.name() == null || row.name().isEmpty() ? null : row.name(),
                    row.topics() == null ? List.of() : row.topics(), row.status() == null ? SubscriberStatus.ACTIVE : row.status(),
                    row.source() == null ? "import" : row.source(), row.createdAt(), row.confirmedAt(), row.unsubscribedAt(),
                    row.bouncedAt()), "imported from " + file + " line " + row.line());
            tally.imported();
            return;
        }
        Subscriber s = existing.get();
        if (row.status() != null && row.status().left()) {
            // Also for a reader who already left: the opt-out cancels any open subscribe request, so a
            // link mailed before this file was applied confirms nothing.
            boolean out = b.optOut(s, row.status(), "opt-out in " + file + " line " + row.line());
            boolean changed = b.updateGiven(s, row.name(), row.topics());
            if (out) {
                tally.note(where + " is now " + row.status().code() + " (opt-out in the file)");
            }
            count(tally, out || changed);
            return;
        }
        if (s.status().left()) {
            tally.skipped();
            tally.note(where + " is " + s.status().code() + "; left as it is");
            return;
        }
        boolean changed = b.updateGiven(s, row.name(), row.topics());
        if (s.status() == SubscriberStatus.PENDING && row.status() != SubscriberStatus.PENDING) {
            tally.note(where + " is pending; only their own confirmation makes them active");
        }
        count(tally, changed);
    }

    private static void count(Tally tally, boolean changed) {
        if (changed) {
            tally.updated();
        } else {
            tally.skipped();
        }
    }
}
