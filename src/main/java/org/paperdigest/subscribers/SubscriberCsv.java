package org.paperdigest.subscribers;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.paperdigest.config.BadInputException;

/**
 * Imports and exports the list as CSV (header {@code email,name,topics}, topics separated by
 * {@code ;}). An import reports every bad row by line number and still imports every good one;
 * running it again changes nothing; what the rows do to the list is {@link ImportApplier}'s. An
 * export carries every column of {@link #COLUMNS}, so it imports back (into the same list or a
 * new one) exactly: the same readers, statuses, dates and sources.
 */
public final class SubscriberCsv {
    private static final int BATCH = 500;
    /** The columns of an export, in order; an import accepts any subset that has {@code email}. */
    static final List<String> COLUMNS = List.of("email", "name", "topics", "status", "created_at", "confirmed_at",
            "unsubscribed_at", "bounced_at", "source");
    private static final Set<String> IMPORT_COLUMNS = Set.copyOf(COLUMNS);
    private static final List<String> TIME_COLUMNS = List.of("created_at", "confirmed_at", "unsubscribed_at", "bounced_at");

    private final SubscriberStore store;
    private final ImportApplier applier;
    private final Set<String> knownTopics;

    public SubscriberCsv(SubscriberStore store, ImportApplier applier, Set<String> knownTopics) {
        this.store = store;
        this.applier = applier;
        this.knownTopics = knownTopics;
    }

    /**
     * Imports rows: new readers arrive active (an imported list has opted in elsewhere) or with the
     * status and dates the file gives; see {@link ImportApplier} for readers already here. {@code source}
     * names the input in messages. Fails only when the file as a whole is unusable (no email
     * column, broken quoting); bad rows are reported in the result.
     */
    public ImportReport importFrom(Reader input, String source) {
        return importFrom(input, source, false);
    }

    /** Like {@link #importFrom(Reader, String)}; a {@code dryRun} reports what it would do and changes nothing. */
    public ImportReport importFrom(Reader input, String source, boolean dryRun) {
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(false)
                .setTrim(true)
                .get();
        Counts counts = new Counts();
        try (CSVParser parser = CSVParser.builder().setReader(withoutBom(input)).setFormat(format).get()) {
            List<String> header = parser.getHeaderNames();
            checkHeader(header, source);
            Map<String, Long> seen = new HashMap<>();
            List<ImportRow> batch = new ArrayList<>(BATCH);
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                long line = parser.getCurrentLineNumber() + 1;
                CSVRecord r;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    r = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    counts.reject(line, "cannot parse the rest of the file: " + rootMessage(e));
                    break;
                }
                ImportRow row = check(r, line, header.size(), seen, counts);
                if (row != null) {
                    batch.add(row);
                    if (batch.size() == BATCH) {
                        write(batch, source, counts, dryRun);
                    }
                }
            }
            write(batch, source, counts, dryRun);
        } catch (IOException e) {
            throw new BadInputException(source + ": cannot read: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(source + " line 1: " + e.getMessage(), e);
        }
        return new ImportReport(counts.imported, counts.updated, counts.skipped, counts.problems.size(), counts.problems, counts.notes);
    }

    private void checkHeader(List<String> header, String source) {
        if (header.isEmpty()) {
            throw new BadInputException(source + " line 1: the file is empty; expected the header email,name,topics");
        }
        if (!header.contains("email")) {
            throw new BadInputException(source + " line 1: the header has no 'email' column (expected email,name,topics; got "
                    + String.join(",", header) + ")");
        }
        for (String h : header) {
            if (!IMPORT_COLUMNS.contains(h)) {
                throw new BadInputException(source + " line 1: unknown column '" + h + "' (expected email,name,topics"
                        + " and optionally status,created_at,confirmed_at,unsubscribed_at,bounced_at,source)");
            }
        }
    }

    private ImportRow check(CSVRecord r, long line, int columns, Map<String, Long> seen, Counts counts) {
        if (r.size() == 1 && r.get(0).isEmpty()) {
            return null; // an empty line
        }
        if (r.size() != columns) {
            counts.reject(line, "has " + r.size() + " fields, the header has " + columns);
            return null;
        }
        EmailAddress email;
        try {
            email = EmailAddress.parse(r.get("email"));
        } catch (InvalidEmailException e) {
            counts.reject(line, e.getMessage());
            return null;
        }
        Long earlier = seen.putIfAbsent(email.key(), line);
        if (earlier != null) {
            counts.reject(line, email + " is already on line " + earlier);
            return null;
        }
        List<String> topics;
        try {
            topics = r.isMapped("topics") ? Topics.parse(r.get("topics"), knownTopics) : null;
        } catch (IllegalArgumentException e) {
            counts.reject(line, e.getMessage());
            return null;
        }
        SubscriberStatus status = null;
        String statusText = r.isMapped("status") ? r.get("status") : "";
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
            String column = TIME_COLUMNS.get(i);
            String text = r.isMapped(column) ? r.get(column) : "";
            if (!text.isEmpty()) {
                try {
                    times[i] = Instant.parse(text);
                } catch (DateTimeParseException e) {
                    counts.reject(line, column + " '" + text + "' is not an ISO-8601 UTC time such as 2026-07-01T09:00:00Z");
                    return null;
                }
            }
        }
        String name = null;
        if (r.isMapped("name")) {
            String cleaned = Names.clean(r.get("name"));
            name = cleaned == null ? "" : cleaned;
        }
        String from = r.isMapped("source") && !r.get("source").isEmpty() ? r.get("source") : null;
        return new ImportRow(line, email, name, topics, status, from, times[0], times[1], times[2], times[3]);
    }

    private void write(List<ImportRow> batch, String source, Counts counts, boolean dryRun) {
        if (batch.isEmpty()) {
            return;
        }
        applier.apply(batch, source, counts, dryRun);
        batch.clear();
    }

    /**
     * Writes every subscriber as CSV ({@link #COLUMNS}: times in ISO-8601 UTC, empty when unset), in
     * id order; importing it into an empty database and exporting again gives the same bytes.
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
                    printer.printRecord(s.email(), s.name() == null ? "" : s.name(), String.join(";", s.topics()),
                            s.status().code(), iso(s.createdAt()), iso(s.confirmedAt()), iso(s.unsubscribedAt()),
                            iso(s.bouncedAt()), s.source());
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

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** Running totals of one import. */
    private static final class Counts implements ImportApplier.Tally {
        int imported;
        int updated;
        int skipped;
        final List<String> problems = new ArrayList<>();
        final List<String> notes = new ArrayList<>();

        void reject(long line, String reason) {
            problems.add("line " + line + ": " + reason);
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

        @Override
        public void note(String note) {
            notes.add(note);
        }
    }

    /** Drops a byte order mark at the very start, so Excel's "CSV UTF-8" files import cleanly. */
    private static Reader withoutBom(Reader input) throws IOException {
        PushbackReader in = new PushbackReader(input, 1);
        int first = in.read();
        if (first != -1 && first != '\uFEFF') {
            in.unread(first);
        }
        return in;
    }
}
