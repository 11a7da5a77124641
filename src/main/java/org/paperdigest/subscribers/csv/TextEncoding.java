package org.paperdigest.subscribers.csv;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.mozilla.universalchardet.UniversalDetector;
import org.paperdigest.config.BadInputException;

/**
 * The charset a file is read in, how it was chosen, and how many bytes of byte order mark to skip.
 * A byte order mark decides (UTF-8, UTF-16 LE or BE); else a zero in every other byte means UTF-16
 * without one; else a file that is valid UTF-8 is UTF-8;
 * else juniversalchardet guesses from the whole file, and windows-1252 (what spreadsheets write
 * in Western Europe and the Americas) stands in when it cannot tell.
 */
public record TextEncoding(Charset charset, int bomLength, String how) {
    static final Charset FALLBACK = Charset.forName("windows-1252");
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] UTF16LE_BOM = {(byte) 0xFF, (byte) 0xFE};
    private static final byte[] UTF16BE_BOM = {(byte) 0xFE, (byte) 0xFF};

    /** One line for the operator: "read as windows-1252 (detected; --encoding overrides)". */
    public String describe() {
        return "read as " + charset.name() + " (" + how + ")";
    }

    /** Chooses the encoding of {@code file}; {@code override} (from --encoding) wins when given. */
    static TextEncoding of(Path file, String override) throws IOException {
        byte[] head = head(file);
        if (override != null && !override.isBlank()) {
            Charset charset = named(override);
            return new TextEncoding(charset, bomOf(head, charset), "--encoding");
        }
        if (startsWith(head, UTF8_BOM)) {
            return new TextEncoding(StandardCharsets.UTF_8, 3, "byte order mark");
        }
        if (startsWith(head, UTF16LE_BOM)) {
            return new TextEncoding(StandardCharsets.UTF_16LE, 2, "byte order mark");
        }
        if (startsWith(head, UTF16BE_BOM)) {
            return new TextEncoding(StandardCharsets.UTF_16BE, 2, "byte order mark");
        }
        Charset wide = utf16WithoutBom(file);
        if (wide != null) {
            return new TextEncoding(wide, 0, "zero bytes between the letters, so UTF-16 without a byte order mark;"
                    + " --encoding overrides");
        }
        if (isUtf8(file)) {
            return new TextEncoding(StandardCharsets.UTF_8, 0, "valid UTF-8");
        }
        String guess = detect(file);
        Charset detected = supported(guess);
        if (detected == null || detected.equals(StandardCharsets.UTF_8)) {
            return new TextEncoding(FALLBACK, 0, "not UTF-8 and no clear guess, so the spreadsheet default;"
                    + " --encoding overrides");
        }
        return new TextEncoding(detected, 0, "detected; --encoding overrides");
    }

    /** Resolves an --encoding value, refusing unknown names with the usual ones as examples. */
    static Charset named(String name) {
        try {
            return Charset.forName(name.strip());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new BadInputException("--encoding " + name + ": unknown encoding (for example UTF-8, windows-1252,"
                    + " ISO-8859-15, UTF-16LE)");
        }
    }

    private static int bomOf(byte[] head, Charset charset) {
        String name = charset.name();
        if (startsWith(head, UTF8_BOM) && name.equals("UTF-8")) {
            return 3;
        }
        if ((startsWith(head, UTF16LE_BOM) && name.equals("UTF-16LE")) || (startsWith(head, UTF16BE_BOM) && name.equals("UTF-16BE"))) {
            return 2;
        }
        return 0;
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(4);
        }
    }

    /**
     * Recognises UTF-16 without a byte order mark by its zero bytes: text of Latin letters in
     * UTF-16 has a zero in every other byte, which no CSV in a single-byte encoding or UTF-8 has.
     */
    private static Charset utf16WithoutBom(Path file) throws IOException {
        byte[] sample;
        try (InputStream in = Files.newInputStream(file)) {
            sample = in.readNBytes(4096);
        }
        int even = 0;
        int odd = 0;
        for (int i = 0; i < sample.length; i++) {
            if (sample[i] == 0) {
                if (i % 2 == 0) {
                    even++;
                } else {
                    odd++;
                }
            }
        }
        int pairs = sample.length / 2;
        if (pairs < 4) {
            return null;
        }
        if (odd * 10 >= pairs * 7 && even == 0) {
            return StandardCharsets.UTF_16LE;
        }
        if (even * 10 >= pairs * 7 && odd == 0) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    private static boolean startsWith(byte[] head, byte[] prefix) {
        return head.length >= prefix.length && Arrays.equals(head, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Decodes the whole file strictly; ASCII is valid UTF-8 too. */
    private static boolean isUtf8(Path file) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
        CharBuffer chars = CharBuffer.allocate(64 * 1024);
        try (InputStream in = Files.newInputStream(file)) {
            boolean end = false;
            while (!end) {
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) {
                    end = true;
                } else {
                    bytes.position(bytes.position() + n);
                }
                bytes.flip();
                chars.clear();
                if (decoder.decode(bytes, chars, end).isError()) {
                    return false;
                }
                bytes.compact();
            }
        }
        return true;
    }

    /** Feeds the whole file to the detector (a late first non-ASCII byte must count as much as an early one). */
    private static String detect(Path file) throws IOException {
        UniversalDetector detector = new UniversalDetector();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            int n;
            while ((n = in.read(buffer)) > 0 && !detector.isDone()) {
                detector.handleData(buffer, 0, n);
            }
        }
        detector.dataEnd();
        return detector.getDetectedCharset();
    }

    private static Charset supported(String name) {
        if (name == null) {
            return null;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }
}
