package org.paperdigest.mail;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The quoted-printable encoding of the lines that many readers' messages share, kept by the lines'
 * characters for every sending thread: the papers and the layout of a digest shape are encoded once
 * per shape (once per line), however the readers of different shapes are interleaved, and only the
 * lines that carry a reader's own values (greeting, address, links with tokens) are encoded per
 * message. An encoded line depends only on its own characters (line end included), so a line taken
 * from here is byte for byte what encoding it again would give.
 *
 * <p>A line is kept from its second sighting on, so a line only one reader has is never kept. Both
 * maps are bounded (a full one is emptied and refills), so a long send holds at most a few MB here.
 */
final class SharedLines {
    /** Shorter lines are quicker to encode than to look up. */
    static final int MIN_LENGTH = 24;
    private static final int MAX_CANDIDATES = 8192;
    private static final long MAX_BYTES = 4L << 20;

    private final ConcurrentHashMap<String, Boolean> seenOnce = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, byte[]> encoded = new ConcurrentHashMap<>();
    private final AtomicLong encodedBytes = new AtomicLong();
    private final LongAdder hits = new LongAdder();

    /** The encoding of {@code line}, or null when it is not (yet) known to be shared. */
    byte[] get(String line) {
        byte[] bytes = encoded.get(line);
        if (bytes != null) {
            hits.increment();
        }
        return bytes;
    }

    /** Offers the encoding of {@code line}, bytes [from, to) of {@code src}: kept if the line was seen before. */
    void offer(String line, byte[] src, int from, int to) {
        if (seenOnce.remove(line) == null) {
            if (seenOnce.size() >= MAX_CANDIDATES) {
                seenOnce.clear();
            }
            seenOnce.put(line, Boolean.TRUE);
            return;
        }
        if (encodedBytes.addAndGet(to - from) > MAX_BYTES) {
            encoded.clear();
            encodedBytes.set(to - from);
        }
        encoded.put(line, Arrays.copyOfRange(src, from, to));
    }

    /** How many lines were copied from here instead of encoded (for tests and measurements). */
    long hits() {
        return hits.sum();
    }
}
