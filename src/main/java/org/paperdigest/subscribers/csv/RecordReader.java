package org.paperdigest.subscribers.csv;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits characters into CSV records (RFC 4180 quoting, any of CR, LF or CRLF ending a line) and
 * counts physical lines, so each record knows the line it starts on even after quoted fields that
 * span lines. Lenient where spreadsheets are: a quote inside an unquoted field is text.
 */
final class RecordReader {
    private static final int NONE = -3;

    private final CharInput in;
    private char delimiter;
    private final String charsetName;
    private long line = 1;
    private int peeked = NONE;

    /** One record as read: its first line, its fields, and what made it unreadable (or null). */
    record Raw(long line, List<String> fields, String problem) {
        boolean blank() {
            for (String f : fields) {
                if (!f.isBlank()) {
                    return false;
                }
            }
            return true;
        }
    }

    RecordReader(CharInput in, char delimiter, String charsetName, long firstLine) {
        this.in = in;
        this.delimiter = delimiter;
        this.charsetName = charsetName;
        this.line = firstLine;
    }

    /**
     * Reads the first line as it is, up to a line break outside quotes (so its delimiter can be
     * chosen before it is split); null when the input is empty. Bytes that do not decode become U+FFFD.
     */
    String rawLine() throws IOException {
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        int c = read();
        if (c == -1) {
            return null;
        }
        while (c != -1) {
            if (!quoted && (c == '\r' || c == '\n')) {
                newline(c);
                break;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            b.append(c == CharInput.MALFORMED ? '\uFFFD' : (char) c);
            if ((c == '\r' || c == '\n') && newline(c)) {
                b.append('\n');
            }
            c = read();
        }
        return b.toString();
    }

    void delimiter(char d) {
        this.delimiter = d;
    }

    /** Returns the next record, or null at the end of the input. */
    Raw next() throws IOException {
        int c = read();
        if (c == -1) {
            return null;
        }
        long start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        String problem = null;
        boolean quoted = false;
        boolean startOfField = true;
        while (true) {
            if (c == CharInput.MALFORMED) {
                if (problem == null) {
                    problem = in.malformed() + " is not valid " + charsetName + " (--encoding names the file's encoding)";
                }
                field.append('\uFFFD');
                startOfField = false;
            } else if (quoted) {
                if (c == -1) {
                    fields.add(field.toString());
                    return new Raw(start, fields, "the quote that opens a field on line " + start
                            + " is never closed; lines " + start + " to " + line + " were read as that one field");
                }
                if (c == '"') {
                    int d = read();
                    if (d == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        c = d;
                        continue;
                    }
                } else {
                    field.append((char) c);
                    if ((c == '\r' || c == '\n') && newline(c)) {
                        field.append('\n');
                    }
                }
            } else if (c == -1 || c == '\r' || c == '\n') {
                if (c != -1) {
                    newline(c);
                }
                fields.add(field.toString());
                return new Raw(start, fields, problem);
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
                startOfField = true;
            } else if (c == '"' && startOfField) {
                quoted = true;
                field.setLength(0);
                startOfField = false;
            } else {
                field.append((char) c);
                if (!Character.isWhitespace(c)) {
                    startOfField = false;
                }
            }
            c = read();
        }
    }

    /** Counts one line for CR, LF or CRLF; returns true when it consumed the LF of a CRLF. */
    private boolean newline(int c) throws IOException {
        line++;
        if (c == '\r') {
            int d = read();
            if (d == '\n') {
                return true;
            }
            peeked = d;
        }
        return false;
    }

    private int read() throws IOException {
        if (peeked != NONE) {
            int c = peeked;
            peeked = NONE;
            return c;
        }
        return in.read();
    }
}
