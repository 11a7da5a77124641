package org.paperdigest.subscribers;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.SQLException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.paperdigest.config.BadInputException;

/**
 * Imports and exports the list as CSV (header {@code email,name,topics}, topics separated by
 * {@code ;}). An import reports every bad row by line number and still imports every good one;
 * running it again changes nothing. An export also carries {@code status} and {@code created_at},
 * so it imports back (into the same list or a new one) without confirming anyone who had not
 * confirmed or bringing back anyone who left.
 */
public final class SubscriberCsv {
    private static final int BATCH = 500;
    private static final Set<String> IMPORT_COLUMNS = Set.of("email", "name", "topics", "status", "created_at");

    private final SubscriberStore store;
    private final Set<String> knownTopics;

    public SubscriberCsv(SubscriberStore store, Set<String> knownTopics) {
        this.store = store;
        this.knownTopics = knownTopics;
    }

    /** A row that passed the checks, waiting to be written with its batch. */
    private record Row(long line, EmailAddress email, String name, List<String> topics, SubscriberStatus status) {}

    /**
     * Imports rows as active subscribers (an imported list has opted in elsewhere), or with the
     * status a {@code status} column gives (as in an export) for readers new to the list. {@code source}
     * names the input in messages. Fails only when the file as a whole is unusable (no email
     * column, broken quoting); bad rows are reported in the result.
     */
    public ImportReport importFrom(Reader input, String source) {
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
            List<Row> batch = new ArrayList<>(BATCH);
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
                Row row = check(r, line, header.size(), seen, counts);
                if (row != null) {
                    batch.add(row);
                    if (batch.size() == BATCH) {
                        write(batch, counts);
                    }
                }
            }
            write(batch, counts);
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
                throw new BadInputException(source + " line 1: unknown column '" + h + "' (expected email,name,topics)");
            }
        }
    }

    private Row check(CSVRecord r, long line, int columns, Map<String, Long> seen, Counts counts) {
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
            topics = r.isMapped("topics") ? Topics.parse(r.get("topics"), knownTopics) : List.of();
        } catch (IllegalArgumentException e) {
            counts.reject(line, e.getMessage());
            return null;
        }
        SubscriberStatus status = SubscriberStatus.ACTIVE;
        String statusText = r.isMapped("status") ? r.get("status") : "";
        if (!statusText.isEmpty()) {
            try {
                status = SubscriberStatus.fromCode(statusText);
            } catch (IllegalArgumentException e) {
                counts.reject(line, "unknown status '" + statusText + "' (expected pending, active, unsubscribed or bounced)");
                return null;
            }
        }
        String name = r.isMapped("name") ? Names.clean(r.get("name")) : null;
        return new Row(line, email, name, topics, status);
    }

    private void write(List<Row> batch, Counts counts) {
        if (batch.isEmpty()) {
            return;
        }
        store.batch(b -> {
            for (Row row : batch) {
                Optional<Subscriber> existing = b.find(row.email());
                if (existing.isPresent() && (existing.get().status() == SubscriberStatus.UNSUBSCRIBED
                        || existing.get().status() == SubscriberStatus.BOUNCED)) {
                    counts.skipped++;
                    counts.notes.add("line " + row.line() + ": " + row.email() + " is " + existing.get().status().code()
                            + "; left as it is");
                    continue;
                }
                switch (b.save(row.email(), row.name(), row.topics(), row.status(), "import")) {
                    case CREATED -> counts.imported++;
                    case UPDATED -> counts.updated++;
                    case UNCHANGED -> counts.skipped++;
                }
            }
            return null;
        });
        batch.clear();
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
                    printer.printRecord(s.email(), s.name() == null ? "" : s.name(), String.join(";", s.topics()),
                            s.status().code(), DateTimeFormatter.ISO_INSTANT.format(s.createdAt()));
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

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** Running totals of one import. */
    private static final class Counts {
        int imported;
        int updated;
        int skipped;
        final List<String> problems = new ArrayList<>();
        final List<String> notes = new ArrayList<>();

        void reject(long line, String reason) {
            problems.add("line " + line + ": " + reason);
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
