package org.paperdigest.mail;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A message as it goes into SMTP's DATA: its bytes, and the offsets of its lines that start with '.',
 * which DATA must double (RFC 5321 section 4.5.2). The writer knows those lines as it writes them, so
 * the sender never reads the message again to find them. The body's relaxed form for DKIM (RFC 6376
 * 3.4.4, before its empty lines at the end are dropped), when kept, was made as the message was written.
 *
 * <p>The bytes stay in the buffer they were written to, and a DKIM-Signature field goes in front of
 * them, not into a copy: a digest is tens of kilobytes, and a send makes thousands a second.
 */
final class WireMessage {
    private static final byte[] NONE = new byte[0];

    /** Whole header lines that go before {@link #buf} (a DKIM-Signature); none starts with '.'. */
    private final byte[] front;
    private final byte[] buf;
    private final int length;
    /** Offsets into {@link #buf} of the lines that start with '.'. */
    private final int[] dots;
    private final byte[] relaxed;
    private final int relaxedLength;

    WireMessage(byte[] bytes, int[] dots) {
        this(NONE, bytes, bytes.length, dots, null, 0);
    }

    /** The message in {@code buf[0, length)}; {@code relaxed[0, relaxedLength)} its body's relaxed form, or null. */
    WireMessage(byte[] buf, int length, int[] dots, byte[] relaxed, int relaxedLength) {
        this(NONE, buf, length, dots, relaxed, relaxedLength);
    }

    private WireMessage(byte[] front, byte[] buf, int length, int[] dots, byte[] relaxed, int relaxedLength) {
        this.front = front;
        this.buf = buf;
        this.length = length;
        this.dots = dots;
        this.relaxed = relaxed;
        this.relaxedLength = relaxedLength;
    }

    /** A message whose line-start dots are found by reading it. */
    static WireMessage of(byte[] bytes) {
        ByteSink sink = new ByteSink(bytes.length);
        sink.put(bytes);
        sink.markDots(0);
        return new WireMessage(bytes, sink.dots());
    }

    /** This message with {@code field} (whole header lines, none starting with '.') in front. */
    WireMessage withHeaderInFront(byte[] field) {
        byte[] all = new byte[field.length + front.length];
        System.arraycopy(field, 0, all, 0, field.length);
        System.arraycopy(front, 0, all, field.length, front.length);
        return new WireMessage(all, buf, length, dots, null, 0);
    }

    /** The whole message, as it goes over the wire before dot-stuffing (and as an .eml file). */
    byte[] bytes() {
        if (front.length == 0 && buf.length == length) {
            return buf;
        }
        byte[] all = new byte[front.length + length];
        System.arraycopy(front, 0, all, 0, front.length);
        System.arraycopy(buf, 0, all, front.length, length);
        return all;
    }

    /** The offsets in {@link #bytes()} of the lines that start with '.'. */
    int[] dots() {
        if (front.length == 0) {
            return dots;
        }
        int[] shifted = Arrays.copyOf(dots, dots.length);
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] += front.length;
        }
        return shifted;
    }

    /** The message without what was put in front of it: {@code buffer()[0, length())}. */
    byte[] buffer() {
        return buf;
    }

    int length() {
        return length;
    }

    /** The body's relaxed form, {@code relaxed()[0, relaxedLength())}, or null when it was not kept. */
    byte[] relaxed() {
        return relaxed;
    }

    int relaxedLength() {
        return relaxedLength;
    }

    /** The body's relaxed form as an array of its own, or null when it was not kept. */
    byte[] relaxedBody() {
        return relaxed == null ? null : Arrays.copyOf(relaxed, relaxedLength);
    }

    /** Whether the message ends with a line end (else DATA needs one before its final dot). */
    boolean endsWithLineEnd() {
        byte[] b = length >= 2 ? buf : bytes();
        int n = length >= 2 ? length : b.length;
        return n >= 2 && b[n - 2] == '\r' && b[n - 1] == '\n';
    }

    /** Writes the message to {@code out} with the dots that start a line doubled. */
    void writeDotStuffed(OutputStream out) throws IOException {
        out.write(front);
        int start = 0;
        for (int dot : dots) {
            out.write(buf, start, dot - start);
            out.write('.');
            start = dot;
        }
        out.write(buf, start, length - start);
    }
}
