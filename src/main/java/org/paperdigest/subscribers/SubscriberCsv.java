package org.paperdigest.subscribers;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.SQLException;
import java.time.format.DateTimeFormatter;
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
 * running it again changes nothing. An export also carries {@code status} and {@code created_at},
 * so it imports back (into the same list or a new one) without confirming anyone who had not
 * confirmed or bringing back anyone who left. Reading files (encodings, delimiters, header
 * aliases) is {@code subscribers.csv}'s job; export cells are guarded against spreadsheet
 * formulas by {@link CsvCell}, which the reader undoes.
 */
public final class SubscriberCsv {
    private static final int BATCH = 500;

    private final SubscriberStore store;
    private final Set<String> knownTopics;

    public SubscriberCsv(SubscriberStore store, Set<String> knownTopics) {
        this.store = store;
        this.knownTopics = knownTopics;
    }

    /** A row that passed the checks, waiting to be written. */
    private record Row(long line, EmailAddress email, String name, List<String> topics, SubscriberStatus status) {}

    /**
     * Imports rows of already decoded text (see {@link #importFrom(CsvRows, boolean, ImportLog)});
     * {@code source} names the input in messages.
     */
    public ImportReport importFrom(Reader input, String source) {
        try (CsvRows rows = CsvRows.read(input, source, CsvOptions.DETECT)) {
            return importFrom(rows, false, ImportLog.NONE);
        } catch (IOException e) {
            throw new BadInputException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Imports rows as active subscribers (an imported list has opted in elsewhere), or with the
     * status a {@code status} column gives (as in an export) for readers new to the list. Every
     * row read ends imported, updated, skipped or rejected, with its reason told to {@code log}.
     * A row whose address an earlier accepted row of the file had is rejected; the database
     * remembers the accepted addresses, so memory does not grow with the file. A dry run does all
     * of it in one transaction that is rolled back: the same report, nothing changed.
     */
    public ImportReport importFrom(CsvRows rows, boolean dryRun, ImportLog log) {
        Counts counts = new Counts(log);
        List<CsvLine> batch = new ArrayList<>(BATCH);
        if (dryRun) {
            store.rehearse(b -> {
                String run = b.openImport();
                while (fill(rows, batch)) {
                    apply(b, run, batch, counts);
                }
                return null;
            });
        } else {
            String run = store.batch(SubscriberStore.Batch::openImport);
            try {
                while (fill(rows, batch)) {
                    store.batch(b -> apply(b, run, batch, counts));
                }
            } finally {
                store.batch(b -> {
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

    private Void apply(SubscriberStore.Batch b, String run, List<CsvLine> lines, Counts counts) throws SQLException {
        for (CsvLine line : lines) {
            if (line instanceof BadRow bad) {
                counts.reject(bad.line(), bad.reason());
                continue;
            }
            Row row = check((CsvRow) line, counts);
            if (row == null) {
                continue;
            }
            OptionalLong earlier = b.claim(run, row.email(), row.line());
            if (earlier.isPresent()) {
                counts.reject(row.line(), row.email() + " is already on line " + earlier.getAsLong());
                continue;
            }
            write(b, row, counts);
        }
        counts.progress();
        return null;
    }

    private Row check(CsvRow r, Counts counts) {
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
            topics = Topics.parse(r.get(Column.TOPICS).orElse(null), knownTopics);
        } catch (IllegalArgumentException e) {
            counts.reject(line, e.getMessage());
            return null;
        }
        SubscriberStatus status = SubscriberStatus.ACTIVE;
        String statusText = r.get(Column.STATUS).orElse("");
        if (!statusText.isEmpty()) {
            try {
                status = SubscriberStatus.fromCode(statusText);
            } catch (IllegalArgumentException e) {
                counts.reject(line, "unknown status '" + statusText + "' (expected pending, active, unsubscribed or bounced)");
                return null;
            }
        }
        List<String> invisible = EmailAddress.invisibleAround(raw);
        if (!invisible.isEmpty()) {
            counts.note(line, "removed " + String.join(", ", invisible) + " around " + email);
        }
        String name = r.get(Column.NAME).map(Names::clean).orElse(null);
        return new Row(line, email, name, topics, status);
    }

    private static void write(SubscriberStore.Batch b, Row row, Counts counts) throws SQLException {
        Optional<Subscriber> existing = b.find(row.email());
        if (existing.isPresent() && (existing.get().status() == SubscriberStatus.UNSUBSCRIBED
                || existing.get().status() == SubscriberStatus.BOUNCED)) {
            counts.skipped++;
            counts.note(row.line(), row.email() + " is " + existing.get().status().code() + "; left as it is");
            return;
        }
        switch (b.save(row.email(), row.name(), row.topics(), row.status(), "import")) {
            case CREATED -> counts.imported++;
            case UPDATED -> counts.updated++;
            case UNCHANGED -> counts.skipped++;
        }
    }

    /** Writes every subscriber as CSV (email, name, topics, status, created_at), in id order. */
    public int exportTo(Writer out) {
        int[] count = {0};
        try (CSVPrinter printer = CSVFormat.DEFAULT.builder()
                .setHeader("email", "name", "topics", "status", "created_at")
                .setRecordSeparator('\n')
                .get()
                .print(out)) {
            store.forEach(null, s -> {
                try {
                    printer.printRecord(Stream.of(s.email(), s.name() == null ? "" : s.name(), String.join(";", s.topics()),
                            s.status().code(), DateTimeFormatter.ISO_INSTANT.format(s.createdAt())).map(CsvCell::neutralise).toArray());
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

    /** Running totals of one import; the report keeps the first {@value #KEPT} problems and notes, the log hears all. */
    private static final class Counts {
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
            String note = "line " + line + ": " + text;
            if (notes.size() < KEPT) {
                notes.add(note);
            }
            log.noted(note);
        }

        void progress() {
            log.progress((long) imported + updated + skipped + rejected);
        }
    }
}
