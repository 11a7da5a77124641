package org.paperdigest.subscribers;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.paperdigest.config.BadInputException;
import org.paperdigest.subscribers.csv.BadRow;
import org.paperdigest.subscribers.csv.Column;
import org.paperdigest.subscribers.csv.CsvCell;
import org.paperdigest.subscribers.csv.CsvLine;
import org.paperdigest.subscribers.csv.CsvOptions;
import org.paperdigest.subscribers.csv.CsvRow;
import org.paperdigest.subscribers.csv.CsvRows;

/**
 * Imports and exports the list as CSV (header {@code email,name,topics}, topics separated by
 * {@code ;}). An import reports every bad row by line number and still imports every good one;
 * running it again changes nothing; what the rows do to the list is {@link ImportApplier}'s,
 * through {@link Consent}. An export carries every column of {@link #COLUMNS}, so it imports back
 * (into the same list or a new one) exactly: the same readers, statuses, dates and sources.
 * Reading files (encodings, delimiters, header aliases) is {@code subscribers.csv}'s job; export
 * cells are guarded against spreadsheet formulas by {@link CsvCell}, which the reader undoes.
 */
public final class SubscriberCsv {
    private static final int BATCH = 500;
    /** The columns of an export, in order; an import accepts any subset that has {@code email}. */
    static final List<String> COLUMNS = List.of("email", "name", "topics", "status", "created_at", "confirmed_at",
            "unsubscribed_at", "bounced_at", "source");
    private static final List<Column> TIME_COLUMNS =
            List.of(Column.CREATED_AT, Column.CONFIRMED_AT, Column.UNSUBSCRIBED_AT, Column.BOUNCED_AT);

    private final SubscriberStore store;
    private final Consent consent;
    private final Set<String> knownTopics;

    public SubscriberCsv(SubscriberStore store, Consent consent, Set<String> knownTopics) {
        this.store = store;
        this.consent = consent;
        this.knownTopics = knownTopics;
    }

    /**
     * Imports rows of already decoded text (see {@link #importFrom(CsvRows, boolean, ImportLog)});
     * {@code source} names the input in messages.
     */
    public ImportReport importFrom(Reader input, String source) {
        return importFrom(input, source, false);
    }

    /** Like {@link #importFrom(Reader, String)}; a {@code dryRun} reports what it would do and changes nothing. */
    public ImportReport importFrom(Reader input, String source, boolean dryRun) {
        try (CsvRows rows = CsvRows.read(input, source, CsvOptions.DETECT)) {
            return importFrom(rows, dryRun, ImportLog.NONE);
        } catch (IOException e) {
            throw new BadInputException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Imports rows: new readers arrive active (an imported list has opted in elsewhere) or with the
     * status and dates the file gives; see {@link ImportApplier} for readers already here. Every
     * row read ends imported, updated, skipped or rejected, with its reason told to {@code log}.
     * A row whose address an earlier accepted row of the file had is rejected; the database
     * remembers the accepted addresses, so memory does not grow with the file. A dry run does all
     * of it in one transaction that is rolled back: the same report, nothing changed.
     */
    public ImportReport importFrom(CsvRows rows, boolean dryRun, ImportLog log) {
        Counts counts = new Counts(log);
        List<CsvLine> batch = new ArrayList<>(BATCH);
        String file = rows.source();
        if (dryRun) {
            consent.rehearse(b -> {
                String run = b.openImport();
                while (fill(rows, batch)) {
                    apply(b, run, file, batch, counts);
                }
                return null;
            });
        } else {
            String run = consent.batch(Consent.Batch::openImport);
            try {
                while (fill(rows, batch)) {
                    consent.batch(b -> apply(b, run, file, batch, counts));
                }
            } finally {
                consent.batch(b -> {
                    b.closeImport(run);
                    return null;
                });
            }
        }
        return new ImportReport(counts.imported, counts.updated, counts.skipped, counts.rejected, counts.problems, counts.notes);
    }

    /** Reads the next batch of rows; false when there are none left. */
    private static boolean fill(CsvRows rows, List<CsvLine> batch) {
        batch.clear();
        while (batch.size() < BATCH && rows.hasNext()) {
            batch.add(rows.next());
        }
        return !batch.isEmpty();
    }

    private Void apply(Consent.Batch b, String run, String file, List<CsvLine> lines, Counts counts) throws SQLException {
        for (CsvLine line : lines) {
            if (line instanceof BadRow bad) {
                counts.reject(bad.line(), bad.reason());
                continue;
            }
            ImportRow row = check((CsvRow) line, counts);
            if (row == null) {
                continue;
            }
            OptionalLong earlier = b.claim(run, row.email(), row.line());
            if (earlier.isPresent()) {
                counts.reject(row.line(), row.email() + " is already on line " + earlier.getAsLong());
                continue;
            }
            ImportApplier.apply(b, row, file, counts);
        }
        counts.progress();
        return null;
    }

    /**
     * Checks one row and turns it into what the file says: a column the file does not have is null
     * (keep what is stored); an empty {@code name} cell is "" (no name).
     */
    private ImportRow check(CsvRow r, Counts counts) {
        long line = r.line();
        String raw = r.get(Column.EMAIL).orElse("");
        EmailAddress email;
        try {
            email = EmailAddress.parse(raw);
        } catch (InvalidEmailException e) {
            counts.reject(line, e.getMessage());
            return null;
        }
        List<String> topics;
        try {
            Optional<String> given = r.get(Column.TOPICS);
            topics = given.isPresent() ? Topics.parse(given.get(), knownTopics) : null;
        } catch (IllegalArgumentException e) {
            counts.reject(line, e.getMessage());
            return null;
        }
        SubscriberStatus status = null;
        String statusText = r.get(Column.STATUS).orElse("");
        if (!statusText.isEmpty()) {
            try {
                status = SubscriberStatus.fromCode(statusText);
            } catch (IllegalArgumentException e) {
                counts.reject(line, "unknown status '" + statusText
                        + "' (expected pending, active, unsubscribed, bounced or complained)");
                return null;
            }
        }
        Instant[] times = new Instant[TIME_COLUMNS.size()];
        for (int i = 0; i < times.length; i++) {
            Column column = TIME_COLUMNS.get(i);
            String text = r.get(column).orElse("");
            if (!text.isEmpty()) {
                try {
                    times[i] = Instant.parse(text);
                } catch (DateTimeParseException e) {
                    counts.reject(line, column.header() + " '" + text
                            + "' is not an ISO-8601 UTC time such as 2026-07-01T09:00:00Z");
                    return null;
                }
            }
        }
        List<String> invisible = EmailAddress.invisibleAround(raw);
        if (!invisible.isEmpty()) {
            counts.note(line, "removed " + String.join(", ", invisible) + " around " + email);
        }
        String name = r.get(Column.NAME).map(n -> {
            String cleaned = Names.clean(n);
            return cleaned == null ? "" : cleaned;
        }).orElse(null);
        String from = r.get(Column.SOURCE).filter(v -> !v.isEmpty()).orElse(null);
        return new ImportRow(line, email, name, topics, status, from, times[0], times[1], times[2], times[3]);
    }

    /**
     * Writes every subscriber as CSV ({@link #COLUMNS}: times in ISO-8601 UTC, empty when unset), in
     * id order, cells that a spreadsheet would run as a formula guarded by {@link CsvCell}; importing
     * it into an empty database and exporting again gives the same bytes.
     */
    public int exportTo(Writer out) {
        int[] count = {0};
        try (CSVPrinter printer = CSVFormat.DEFAULT.builder()
                .setHeader(COLUMNS.toArray(String[]::new))
                .setRecordSeparator('\n')
                .get()
                .print(out)) {
            store.forEach(null, s -> {
                try {
                    printer.printRecord(Stream.of(s.email(), s.name() == null ? "" : s.name(), String.join(";", s.topics()),
                            s.status().code(), iso(s.createdAt()), iso(s.confirmedAt()), iso(s.unsubscribedAt()),
                            iso(s.bouncedAt()), s.source()).map(CsvCell::neutralise).toArray());
                    count[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the export: " + e.getMessage(), e);
        }
        return count[0];
    }

    private static String iso(Instant t) {
        return t == null ? "" : DateTimeFormatter.ISO_INSTANT.format(t);
    }

    /** Running totals of one import; the report keeps the first {@value #KEPT} problems and notes, the log hears all. */
    private static final class Counts implements ImportApplier.Tally {
        private static final int KEPT = 1000;
        private final ImportLog log;
        int imported;
        int updated;
        int skipped;
        int rejected;
        final List<String> problems = new ArrayList<>();
        final List<String> notes = new ArrayList<>();

        Counts(ImportLog log) {
            this.log = log;
        }

        void reject(long line, String reason) {
            rejected++;
            String problem = "line " + line + ": " + reason;
            if (problems.size() < KEPT) {
                problems.add(problem);
            }
            log.rejected(problem);
        }

        void note(long line, String text) {
            note("line " + line + ": " + text);
        }

        @Override
        public void note(String note) {
            if (notes.size() < KEPT) {
                notes.add(note);
            }
            log.noted(note);
        }

        @Override
        public void imported() {
            imported++;
        }

        @Override
        public void updated() {
            updated++;
        }

        @Override
        public void skipped() {
            skipped++;
        }

        void progress() {
            log.progress((long) imported + updated + skipped + rejected);
        }
    }
}
