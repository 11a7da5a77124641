package org.paperdigest.subscribers.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.Locale;

/**
 * Decodes bytes in one charset, reporting every sequence that does not decode as
 * {@link CharInput#MALFORMED} in its place and going on after it, so one bad byte costs one row,
 * not the rest of the file.
 */
final class DecodingInput implements CharInput {
    private static final int SIZE = 64 * 1024;

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(SIZE);
    private final CharBuffer chars = CharBuffer.allocate(SIZE);
    private boolean endOfBytes;
    private boolean done;
    private String pending;
    private String malformed = "";
    private long consumed;

    DecodingInput(InputStream in, Charset charset) {
        this.in = in;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        bytes.flip();
        chars.flip();
    }

    @Override
    public int read() throws IOException {
        while (true) {
            if (chars.hasRemaining()) {
                return chars.get();
            }
            if (pending != null) {
                malformed = pending;
                pending = null;
                return MALFORMED;
            }
            if (done) {
                return -1;
            }
            fill();
        }
    }

    private void fill() throws IOException {
        if (!endOfBytes) {
            bytes.compact();
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
                endOfBytes = true;
            } else {
                bytes.position(bytes.position() + n);
                consumed += n;
            }
            bytes.flip();
        }
        chars.clear();
        CoderResult result = decoder.decode(bytes, chars, endOfBytes);
        if (result.isError()) {
            byte[] bad = new byte[result.length()];
            bytes.get(bad);
            pending = describe(bad);
        } else if (endOfBytes && result.isUnderflow()) {
            decoder.flush(chars);
            done = true;
        }
        chars.flip();
    }

    private static String describe(byte[] bad) {
        StringBuilder b = new StringBuilder(bad.length == 1 ? "byte" : "bytes");
        for (byte x : bad) {
            b.append(String.format(Locale.ROOT, " 0x%02X", x & 0xFF));
        }
        return b.toString();
    }

    @Override
    public String malformed() {
        return malformed;
    }

    @Override
    public long consumed() {
        return consumed;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
