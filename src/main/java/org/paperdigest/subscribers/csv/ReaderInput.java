package org.paperdigest.subscribers.csv;

import java.io.IOException;
import java.io.Reader;

/** Text that is already decoded (a string, a Reader from elsewhere): nothing can be malformed. */
final class ReaderInput implements CharInput {
    private final Reader reader;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private long consumed;

    ReaderInput(Reader reader) {
        this.reader = reader;
    }

    @Override
    public int read() throws IOException {
        if (position == limit) {
            limit = reader.read(buffer, 0, buffer.length);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
            consumed += limit;
        }
        return buffer[position++];
    }

    @Override
    public String malformed() {
        return "";
    }

    @Override
    public long consumed() {
        return consumed;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
