package org.paperdigest.subscribers.csv;

import java.io.Closeable;
import java.io.IOException;

/** Characters of a file, one at a time, with bytes that do not decode marked instead of replaced. */
interface CharInput extends Closeable {
    /** Returned by {@link #read()} where bytes do not decode; {@link #malformed()} says which. */
    int MALFORMED = -2;

    /** Returns the next char, -1 at the end, or {@link #MALFORMED}. */
    int read() throws IOException;

    /** Describes the bytes of the last {@link #MALFORMED} ("byte 0xE9"). */
    String malformed();

    /** How much of the input has been consumed, in bytes (or chars for text input), for progress. */
    long consumed();
}
