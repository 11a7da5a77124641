package org.paperdigest.mail;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encodes text as UTF-8 quoted-printable (RFC 2045 section 6.7) straight from the String's
 * characters into bytes: lines of at most 76 characters, CRLF line ends, '=' and every non-ASCII
 * byte escaped, spaces and tabs escaped before a line end.
 *
 * <p>Each line of the input is encoded on its own (an encoded line depends only on its own
 * characters), and each sending thread remembers the previous message's lines and their encoding:
 * a digest differs from the one before mostly in a handful of lines (name, address, links), so
 * the other lines are compared and copied instead of encoded again. Digests rendered from a shape do
 * not come here whole: {@link BodyShape} encodes a shape's fixed lines once and only the lines with a
 * reader's values per message. See the Performance section of the README.
 */
final class QuotedPrintable {
    private static final int MAX_LINE = 76;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final boolean[] LITERAL = new boolean[128];
    /** Memory slots per thread: one for the text part, one for the HTML part. */
    static final int TEXT = 0;
    static final int HTML = 1;

    static {
        for (int c = 33; c <= 126; c++) {
            LITERAL[c] = c != '=';
        }
    }

    private static final ThreadLocal<Encoding[][]> MEMORY = ThreadLocal.withInitial(() ->
            new Encoding[][] {{new Encoding(), new Encoding()}, {new Encoding(), new Encoding()}});

    private QuotedPrintable() {}

    /** One encoded text: its characters, where its lines end, and their encoding. */
    private static final class Encoding {
        char[] chars = new char[0];
        int length;
        int[] lineEnd = new int[64];
        int lines;
        byte[] bytes = new byte[0];
        int[] bytesEnd = new int[64];
        int size;
        boolean valid;
    }

    /**
     * Appends the encoding of {@code text} to {@code out}, which must be at the start of a line, with no
     * memory of earlier texts, and notes the encoded lines that start with '.' in {@code out}.
     */
    static void encode(String text, ByteSink out) {
        int n = text.length();
        char[] in = new char[n];
        text.getChars(0, n, in, 0);
        encode(in, n, out);
    }

    /**
     * Appends the encoding of the text in {@code in[0, n)} to {@code out}, which must be at the start of
     * a line, straight into its buffer, and notes the encoded lines that start with '.' in {@code out}.
     */
    static void encode(char[] in, int n, ByteSink out) {
        int start = 0;
        while (start < n) {
            int end = start;
            while (end < n && in[end++] != '\n') {
                // find the end of this line: just after its '\n', or the end of the text
            }
            byte[] dst = out.room(maxBytes(end - start));
            out.grewTo(encodeLine(in, start, end, n, dst, out.size(), out));
            start = end;
        }
    }

    /**
     * Appends the encoding of {@code text} to {@code out}, reusing the encoded lines of the previous
     * text this thread encoded in the same {@code slot} where they are identical.
     */
    static void encode(String text, ByteSink out, int slot) {
        Encoding[] pair = MEMORY.get()[slot];
        Encoding previous = pair[0];
        Encoding current = pair[1];
        encodeInto(text, current, previous.valid ? previous : null);
        out.put(current.bytes, current.size);
        pair[0] = current;
        pair[1] = previous;
    }

    private static void encodeInto(String text, Encoding e, Encoding previous) {
        int n = text.length();
        if (e.chars.length < n) {
            e.chars = new char[n + n / 4];
        }
        char[] in = e.chars;
        text.getChars(0, n, in, 0);
        e.length = n;
        splitLines(e);
        if (e.bytes.length < n + 1024) {
            e.bytes = new byte[Math.max(n * 2, 4096)];
        }
        e.size = 0;
        int start = 0;
        for (int line = 0; line < e.lines; line++) {
            int end = e.lineEnd[line];
            if (previous != null && sameLine(e, line, start, end, previous)) {
                int from = line == 0 ? 0 : previous.bytesEnd[line - 1];
                int to = previous.bytesEnd[line];
                ensure(e, to - from);
                System.arraycopy(previous.bytes, from, e.bytes, e.size, to - from);
                e.size += to - from;
            } else {
                ensure(e, maxBytes(end - start));
                e.size = encodeLine(e.chars, start, end, e.length, e.bytes, e.size, null);
            }
            e.bytesEnd[line] = e.size;
            start = end;
        }
        e.valid = true;
    }

    /** Finds where each line ends: just after its '\n', or at the end of the text. */
    private static void splitLines(Encoding e) {
        char[] in = e.chars;
        int n = e.length;
        int lines = 0;
        for (int i = 0; i < n; i++) {
            if (in[i] == '\n') {
                lines = addLine(e, lines, i + 1);
            }
        }
        if (lines == 0 || e.lineEnd[lines - 1] != n) {
            lines = addLine(e, lines, n);
        }
        e.lines = lines;
        if (e.bytesEnd.length < lines) {
            e.bytesEnd = new int[e.lineEnd.length];
        }
    }

    private static int addLine(Encoding e, int lines, int end) {
        if (lines == e.lineEnd.length) {
            e.lineEnd = Arrays.copyOf(e.lineEnd, lines * 2);
        }
        e.lineEnd[lines] = end;
        return lines + 1;
    }

    /** True when line {@code line} is the same characters in both texts, and is (or is not) the last line in both. */
    private static boolean sameLine(Encoding e, int line, int start, int end, Encoding previous) {
        if (line >= previous.lines) {
            return false;
        }
        int pStart = line == 0 ? 0 : previous.lineEnd[line - 1];
        int pEnd = previous.lineEnd[line];
        if (pEnd - pStart != end - start || (end == e.length) != (pEnd == previous.length)) {
            return false;
        }
        return Arrays.equals(e.chars, start, end, previous.chars, pStart, pEnd);
    }

    private static void ensure(Encoding e, int more) {
        if (e.size + more > e.bytes.length) {
            e.bytes = Arrays.copyOf(e.bytes, Math.max(e.bytes.length * 2, e.size + more));
        }
    }

    /** The most bytes a line of {@code chars} characters encodes to: 3 per UTF-8 byte, plus soft breaks. */
    private static int maxBytes(int chars) {
        return chars * 13 + 8;
    }

    /**
     * Encodes characters [start, end) of the text {@code in[0, n)}, one line (ending with its '\n', or
     * the text's end), into {@code dst} from {@code pos}, which has room for {@link #maxBytes}; returns
     * where the encoding ends. With {@code dots}, notes there every encoded line that starts with '.'
     * ({@code dst} is then its buffer, and {@code pos} the start of a line).
     */
    private static int encodeLine(char[] in, int start, int end, int n, byte[] dst, int pos, ByteSink dots) {
        int column = 0;
        for (int i = start; i < end; i++) {
            char c = in[i];
            if (c < 128) {
                if (LITERAL[c]) {
                    if (column == MAX_LINE - 1 && !lineEndsAfter(in, n, i)) {
                        dst[pos++] = '=';
                        dst[pos++] = '\r';
                        dst[pos++] = '\n';
                        column = 0;
                    }
                    if (c == '.' && column == 0 && dots != null) {
                        dots.dot(pos);
                    }
                    dst[pos++] = (byte) c;
                    column++;
                    continue;
                }
                if (c == '\n') {
                    dst[pos++] = '\r';
                    dst[pos++] = '\n';
                    column = 0;
                    continue;
                }
                if (c == '\r' && i + 1 < n && in[i + 1] == '\n') {
                    continue; // the \n that follows ends the line
                }
                boolean literal = (c == ' ' || c == '\t') && !lineEndsAfter(in, n, i);
                int width = literal ? 1 : 3;
                if (column + width > MAX_LINE - 1 && !(column + width == MAX_LINE && lineEndsAfter(in, n, i))) {
                    dst[pos++] = '=';
                    dst[pos++] = '\r';
                    dst[pos++] = '\n';
                    column = 0;
                }
                if (literal) {
                    dst[pos++] = (byte) c;
                } else {
                    dst[pos++] = '=';
                    dst[pos++] = HEX[c >> 4];
                    dst[pos++] = HEX[c & 0xf];
                }
                column += width;
                continue;
            }
            // Non-ASCII: the UTF-8 bytes of the code point, each escaped.
            int cp = c;
            if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(in[i + 1])) {
                cp = Character.toCodePoint(c, in[++i]);
            } else if (Character.isSurrogate(c)) {
                cp = 0xFFFD;
            }
            int count;
            int b0;
            if (cp < 0x80) {
                count = 1;
                b0 = cp;
            } else if (cp < 0x800) {
                count = 2;
                b0 = 0xC0 | (cp >> 6);
            } else if (cp < 0x10000) {
                count = 3;
                b0 = 0xE0 | (cp >> 12);
            } else {
                count = 4;
                b0 = 0xF0 | (cp >> 18);
            }
            for (int k = 0; k < count; k++) {
                int b = k == 0 ? b0 : 0x80 | ((cp >> (6 * (count - 1 - k))) & 0x3F);
                boolean last = k == count - 1;
                if (column + 3 > MAX_LINE - 1 && !(last && column + 3 == MAX_LINE && lineEndsAfter(in, n, i))) {
                    dst[pos++] = '=';
                    dst[pos++] = '\r';
                    dst[pos++] = '\n';
                    column = 0;
                }
                dst[pos++] = '=';
                dst[pos++] = HEX[b >> 4];
                dst[pos++] = HEX[b & 0xf];
                column += 3;
            }
        }
        return pos;
    }

    /** True when the character at {@code i} is the last of its line. */
    private static boolean lineEndsAfter(char[] text, int n, int i) {
        int next = i + 1;
        if (next >= n) {
            return true;
        }
        char c = text[next];
        return c == '\n' || (c == '\r' && next + 1 < n && text[next + 1] == '\n');
    }
}
