package org.paperdigest.mail;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer for writing a message once, without stream layers. It also keeps where the
 * lines that start with '.' begin ({@link #markDots}, {@link #putLines}), so that SMTP can double
 * those dots without reading the whole message again.
 */
final class ByteSink {
    private static final int[] NO_DOTS = new int[0];
    private byte[] buf;
    private int size;
    private int[] dots = NO_DOTS;
    private int dotCount;
    /** The relaxed form of the body (DKIM), kept from {@link #startRelaxedBody()} on; null when not wanted. */
    private ByteSink relaxed;
    /** How far the bytes written are in {@link #relaxed}. */
    private int relaxedUpTo;

    ByteSink(int capacity) {
        buf = new byte[Math.max(256, capacity)];
    }

    void put(byte b) {
        if (size == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        buf[size++] = b;
    }

    void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
    }

    /** Appends bytes [from, from + length) of {@code bytes}. */
    void put(byte[] bytes, int from, int length) {
        ensure(length);
        System.arraycopy(bytes, from, buf, size, length);
        size += length;
    }

    /** Appends the first {@code length} bytes of {@code bytes}. */
    void put(byte[] bytes, int length) {
        ensure(length);
        System.arraycopy(bytes, 0, buf, size, length);
        size += length;
    }

    /** Appends ASCII text (header names, encoded header values, boundaries). */
    @SuppressWarnings("deprecation") // the low eight bits of each char are exactly what ASCII text needs
    void ascii(String s) {
        int n = s.length();
        ensure(n);
        s.getBytes(0, n, buf, size);
        size += n;
    }

    void utf8(String s) {
        put(s.getBytes(StandardCharsets.UTF_8));
    }

    void crlf() {
        ensure(2);
        buf[size++] = '\r';
        buf[size++] = '\n';
    }

    /**
     * Appends whole encoded lines whose line-start dots are at {@code lineDots} (offsets into {@code lines});
     * a dot at offset 0 counts only if this sink is at the start of a line. {@code relaxedLines} is their
     * relaxed form for DKIM (null: not known); the lines must end with CRLF for it to be taken as it is.
     */
    void putLines(byte[] lines, int[] lineDots, byte[] relaxedLines) {
        int base = size;
        boolean atLineStart = atLineStart();
        if (relaxed != null && relaxedLines != null && atLineStart) {
            catchUpRelaxed();
            relaxed.put(relaxedLines);
            relaxedUpTo = size + lines.length;
        }
        put(lines);
        for (int d : lineDots) {
            if (d > 0 || atLineStart) {
                addDot(base + d);
            }
        }
    }

    /**
     * Makes room for {@code more} bytes and returns the buffer, for a writer that fills it from
     * {@link #size()} on and then says how far with {@link #grewTo}.
     */
    byte[] room(int more) {
        ensure(more);
        return buf;
    }

    /** The buffer from {@link #room} holds bytes up to {@code size}. */
    void grewTo(int size) {
        this.size = size;
    }

    /** Notes a line that starts with '.' at {@code at}, written straight into the buffer (see {@link #room}). */
    void dot(int at) {
        addDot(at);
    }

    /** Notes every line start with a '.' in the bytes written from {@code from} on (not noted before). */
    void markDots(int from) {
        for (int i = from; i < size; i++) {
            if (buf[i] == '.' && (i == 0 || buf[i - 1] == '\n')) {
                addDot(i);
            }
        }
    }

    /** From here on (the first byte of the body, after the empty line), keeps the body's relaxed form too. */
    void startRelaxedBody() {
        relaxed = new ByteSink(buf.length);
        relaxedUpTo = size;
    }

    boolean keepsRelaxedBody() {
        return relaxed != null;
    }

    /**
     * What was written, in place: the message in {@code buffer()[0, size())} and its body's relaxed form,
     * if kept. Nothing may be written after this.
     */
    WireMessage toWireMessage() {
        if (relaxed == null) {
            return new WireMessage(buf, size, dots(), null, 0);
        }
        catchUpRelaxed();
        return new WireMessage(buf, size, dots(), relaxed.buf, relaxed.size);
    }

    private void catchUpRelaxed() {
        RelaxedBody.append(buf, relaxedUpTo, size, relaxed);
        relaxedUpTo = size;
    }

    /** The offsets of the noted line-start dots, in order. */
    int[] dots() {
        return dotCount == 0 ? NO_DOTS : Arrays.copyOf(dots, dotCount);
    }

    private boolean atLineStart() {
        return size == 0 || buf[size - 1] == '\n';
    }

    private void addDot(int at) {
        if (dotCount == dots.length) {
            dots = Arrays.copyOf(dots, Math.max(8, dotCount * 2));
        }
        dots[dotCount++] = at;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    int size() {
        return size;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
