package org.paperdigest.mail;

import java.util.Arrays;

/**
 * A message as it goes into SMTP's DATA: its bytes, and the offsets of its lines that start with '.',
 * which DATA must double (RFC 5321 section 4.5.2). The writer knows those lines as it writes them, so
 * the sender never reads the message again to find them. {@code relaxedBody}, when not null, is the
 * body in DKIM's relaxed form (RFC 6376 3.4.4, before its empty lines at the end are dropped), made as
 * the message was written.
 */
record WireMessage(byte[] bytes, int[] dots, byte[] relaxedBody) {

    WireMessage(byte[] bytes, int[] dots) {
        this(bytes, dots, null);
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
        byte[] out = new byte[field.length + bytes.length];
        System.arraycopy(field, 0, out, 0, field.length);
        System.arraycopy(bytes, 0, out, field.length, bytes.length);
        int[] shifted = Arrays.copyOf(dots, dots.length);
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] += field.length;
        }
        return new WireMessage(out, shifted);
    }
}
