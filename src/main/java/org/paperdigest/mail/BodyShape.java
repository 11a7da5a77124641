package org.paperdigest.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A body text that many messages share apart from a few values: fixed text, a value, fixed text, a
 * value, … (a digest's papers and layout, with the reader's greeting, address and signed links
 * between them). Whatever does not depend on the values is encoded once per shape, on first use
 * (quoted-printable, CRLF line ends, where SMTP must double a dot), and every message of the shape
 * copies those bytes and encodes only the lines that hold a value ({@link MimeWriter}).
 *
 * <p>Quoted-printable encodes each line on its own (a line's encoding depends only on its own
 * characters and whether it is the text's last), so the spliced message is byte for byte the one that
 * encoding the whole filled text gives. A value that holds a line break still works: the lines it
 * touches are encoded per message.
 */
public final class BodyShape {
    private final String[] literals;
    private final int[] fields;
    private final int length;
    private volatile Encoded encoded;

    /** {@code literals} has one more element than {@code fields}; {@code fields[i]} names the value after {@code literals[i]}. */
    public BodyShape(List<String> literals, int[] fields) {
        if (literals.size() != fields.length + 1) {
            throw new IllegalArgumentException("a shape has one more piece of text than values");
        }
        this.literals = literals.toArray(String[]::new);
        this.fields = fields.clone();
        int n = 0;
        for (String l : this.literals) {
            n += l.length();
        }
        this.length = n;
    }

    /** The length of the fixed text (without the values). */
    int length() {
        return length;
    }

    /** The text with {@code values[fields[i]]} after each piece (a null value is empty). */
    public String fill(String[] values) {
        StringBuilder b = new StringBuilder(length + 64 * fields.length);
        for (int i = 0; i < fields.length; i++) {
            b.append(literals[i]).append(Objects.requireNonNullElse(values[fields[i]], ""));
        }
        return b.append(literals[fields.length]).toString();
    }

    /** This shape encoded once: the runs of lines without values, and the lines with values, in order. */
    Encoded encoded() {
        Encoded e = encoded;
        if (e == null) {
            e = encode();
            encoded = e;
        }
        return e;
    }

    /**
     * Appends the quoted-printable encoding of this shape filled with {@code values} to {@code out}, and
     * notes where lines start with a dot: what {@code QuotedPrintable.encode(fill(values), out)} would
     * write, without encoding the lines that are the same for every message again.
     */
    void encodeInto(String[] values, ByteSink out) {
        LineBuffer buffer = null;
        for (Unit unit : encoded().units) {
            if (unit instanceof Run run) {
                out.putLines(run.bytes, run.dots, out.keepsRelaxedBody() ? run.relaxed() : null);
            } else if (unit instanceof Line line) {
                if (buffer == null) {
                    buffer = new LineBuffer();
                }
                buffer.fill(line, values);
                QuotedPrintable.encode(buffer.chars, buffer.length, out);
            }
        }
    }

    /** The characters of one line with a message's values, in a buffer reused for the lines of one message. */
    private static final class LineBuffer {
        char[] chars = new char[512];
        int length;

        void fill(Line line, String[] values) {
            length = 0;
            int[] fields = line.fields();
            String[] literals = line.literals();
            for (int i = 0; i < fields.length; i++) {
                append(literals[i]);
                String value = values[fields[i]];
                if (value != null) {
                    append(value);
                }
            }
            append(literals[fields.length]);
        }

        private void append(String s) {
            int k = s.length();
            if (length + k > chars.length) {
                chars = java.util.Arrays.copyOf(chars, Math.max(chars.length * 2, length + k));
            }
            s.getChars(0, k, chars, length);
            length += k;
        }
    }

    /** The units of an encoded shape, in order. */
    record Encoded(List<Unit> units) {}

    /** A {@link Run} of fixed lines or a {@link Line} that holds values. */
    sealed interface Unit permits Run, Line {}

    /**
     * Encoded fixed lines, starting at a line start, the offsets of their lines that start with '.', and
     * (made when first signed) their relaxed form for DKIM.
     */
    static final class Run implements Unit {
        final byte[] bytes;
        final int[] dots;
        private volatile byte[] relaxed;

        Run(byte[] bytes, int[] dots) {
            this.bytes = bytes;
            this.dots = dots;
        }

        /** The relaxed form of these lines, or null when they do not end with a line end (the last line of a text). */
        byte[] relaxed() {
            byte[] r = relaxed;
            if (r == null) {
                int n = bytes.length;
                if (n < 2 || bytes[n - 2] != '\r' || bytes[n - 1] != '\n') {
                    return null;
                }
                ByteSink sink = new ByteSink(n);
                RelaxedBody.append(bytes, 0, n, sink);
                r = sink.toByteArray();
                relaxed = r;
            }
            return r;
        }
    }

    /** One line (with its line end, if it has one) that holds values: pieces of text and the values between them. */
    record Line(String[] literals, int[] fields) implements Unit {
        Line(List<String> literals, List<Integer> fields) {
            this(literals.toArray(String[]::new), fields.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    private Encoded encode() {
        List<Unit> units = new ArrayList<>();
        StringBuilder fixed = new StringBuilder();
        List<String> lineLiterals = new ArrayList<>();
        List<Integer> lineFields = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        boolean hasValue = false;
        // Walk the text piece by piece and value by value, cutting it into lines at '\n'.
        for (int i = 0; i <= fields.length; i++) {
            String literal = literals[i];
            int start = 0;
            for (int nl = literal.indexOf('\n'); nl >= 0; nl = literal.indexOf('\n', start)) {
                piece.append(literal, start, nl + 1);
                start = nl + 1;
                if (hasValue) {
                    flushRun(fixed, units);
                    lineLiterals.add(piece.toString());
                    units.add(new Line(lineLiterals, lineFields));
                    lineLiterals.clear();
                    lineFields.clear();
                    hasValue = false;
                } else {
                    fixed.append(piece);
                }
                piece.setLength(0);
            }
            piece.append(literal, start, literal.length());
            if (i < fields.length) {
                lineLiterals.add(piece.toString());
                lineFields.add(fields[i]);
                piece.setLength(0);
                hasValue = true;
            }
        }
        // The last line, which has no line end (it may be empty).
        if (hasValue) {
            flushRun(fixed, units);
            lineLiterals.add(piece.toString());
            units.add(new Line(lineLiterals, lineFields));
        } else {
            fixed.append(piece);
            flushRun(fixed, units);
        }
        return new Encoded(List.copyOf(units));
    }

    private static void flushRun(StringBuilder fixed, List<Unit> units) {
        if (fixed.length() == 0) {
            return;
        }
        ByteSink sink = new ByteSink(fixed.length() + fixed.length() / 4);
        QuotedPrintable.encode(fixed.toString(), sink);
        units.add(new Run(sink.toByteArray(), sink.dots()));
        fixed.setLength(0);
    }
}
