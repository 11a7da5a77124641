package org.paperdigest.subscribers.csv;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.paperdigest.config.BadInputException;

/**
 * Reads an import file a row at a time, in constant memory: chooses the encoding and the delimiter,
 * maps the header, skips rows that are empty or only delimiters, and yields every other row, in
 * order, as a {@link CsvRow} or a {@link BadRow} with its reason, so no row goes uncounted.
 * A file that cannot be an import at all (empty, no email column, a column twice) fails on open
 * with a {@link BadInputException} naming the header.
 */
public final class CsvRows implements Iterator<CsvLine>, Closeable {
    private final String source;
    private final TextEncoding encoding;
    private final char delimiter;
    private final boolean delimiterGiven;
    private final Header header;
    private final CharInput input;
    private final RecordReader records;
    private final long size;
    private long dataRows;
    private long blankRows;
    private CsvLine next;

    private CsvRows(String source, TextEncoding encoding, CharInput input, CsvOptions options, long size) throws IOException {
        this.source = source;
        this.encoding = encoding;
        this.input = input;
        this.size = size;
        String charsetName = encoding == null ? "text" : encoding.charset().name();
        this.records = new RecordReader(input, ',', charsetName, 1);
        String first = records.rawLine();
        if (first != null && first.startsWith("\uFEFF")) {
            first = first.substring(1); // a byte order mark left in text that was decoded elsewhere
        }
        if (first == null || first.isBlank()) {
            throw new BadInputException(source + " line 1: the file is empty; expected a header such as email,name,topics");
        }
        this.delimiterGiven = options.delimiter() != null;
        this.delimiter = delimiterGiven ? options.delimiter() : Delimiter.of(first);
        records.delimiter(delimiter);
        RecordReader headerReader = new RecordReader(new ReaderInput(new StringReader(first)), delimiter, charsetName, 1);
        this.header = Header.of(headerReader.next().fields(), source);
    }

    /** Opens {@code file}, choosing its encoding (see {@link TextEncoding}) unless {@code options} names one. */
    public static CsvRows open(Path file, CsvOptions options) throws IOException {
        TextEncoding encoding = TextEncoding.of(file, options.encoding());
        InputStream in = new BufferedInputStream(Files.newInputStream(file));
        try {
            in.skipNBytes(encoding.bomLength());
            return new CsvRows(file.toString(), encoding, new DecodingInput(in, encoding.charset()), options, Files.size(file));
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Reads text that is already decoded; {@code source} names it in messages. */
    public static CsvRows read(Reader text, String source, CsvOptions options) throws IOException {
        return new CsvRows(source, null, new ReaderInput(text), options, -1);
    }

    public String source() {
        return source;
    }

    /** The encoding chosen for a file; empty for text that was decoded elsewhere. */
    public Optional<TextEncoding> encoding() {
        return Optional.ofNullable(encoding);
    }

    public char delimiter() {
        return delimiter;
    }

    /** One line for the operator: which encoding and delimiter the file is read with, and why. */
    public String describe() {
        return (encoding == null ? "" : encoding.describe() + ", ") + "delimiter " + Delimiter.describe(delimiter)
                + (delimiterGiven ? " (--delimiter)" : " (from the header)");
    }

    /** Header names no column reads ("Phone"), in file order. */
    public List<String> ignoredColumns() {
        return header.ignored();
    }

    /** Rows yielded so far (every row that is not empty). */
    public long dataRows() {
        return dataRows;
    }

    /** Empty and delimiter-only rows skipped so far. */
    public long blankRows() {
        return blankRows;
    }

    /** Bytes (or chars) read so far, and the size of the file (-1 when unknown), for a progress bar. */
    public long consumed() {
        return input.consumed();
    }

    public long size() {
        return size;
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = advance();
        }
        return next != null;
    }

    @Override
    public CsvLine next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        CsvLine line = next;
        next = null;
        return line;
    }

    private CsvLine advance() {
        try {
            while (true) {
                RecordReader.Raw raw = records.next();
                if (raw == null) {
                    return null;
                }
                if (raw.problem() == null && raw.blank()) {
                    blankRows++;
                    continue;
                }
                dataRows++;
                return line(raw);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    private CsvLine line(RecordReader.Raw raw) {
        if (raw.problem() != null) {
            return new BadRow(raw.line(), raw.problem());
        }
        List<String> fields = raw.fields();
        int width = header.width();
        if (fields.size() < width || (fields.size() > width && !fields.subList(width, fields.size()).stream().allMatch(String::isBlank))) {
            return new BadRow(raw.line(), "has " + fields.size() + " fields, the header has " + width);
        }
        return new CsvRow(raw.line(), header.fields(fields));
    }

    @Override
    public void close() throws IOException {
        input.close();
    }
}
