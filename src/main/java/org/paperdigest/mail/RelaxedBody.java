package org.paperdigest.mail;

/**
 * DKIM's relaxed body canonicalization (RFC 6376 section 3.4.4), line by line: in each line ended by
 * CRLF, every run of blanks becomes one space and blanks at the end of the line go. A shape's fixed
 * lines are put in this form once ({@link BodyShape}); per message only the rest is done here, and the
 * signer hashes the result in one go ({@link DkimSigning#bodyHash(byte[], int, int)}).
 */
final class RelaxedBody {
    private RelaxedBody() {}

    /**
     * Appends the relaxed form of bytes [from, to) of {@code m} to {@code out}. The bytes must start at a
     * line start; a last line without CRLF is appended in relaxed form without one.
     */
    static void append(byte[] m, int from, int to, ByteSink out) {
        int i = from;
        while (i < to) {
            int eol = i;
            while (eol < to && !(m[eol] == '\r' && eol + 1 < to && m[eol + 1] == '\n')) {
                eol++;
            }
            int end = eol;
            while (end > i && (m[end - 1] == ' ' || m[end - 1] == '\t')) {
                end--;
            }
            if (needsCollapse(m, i, end)) {
                boolean blank = false;
                for (int k = i; k < end; k++) {
                    byte b = m[k];
                    if (b == ' ' || b == '\t') {
                        blank = true;
                        continue;
                    }
                    if (blank) {
                        out.put((byte) ' ');
                        blank = false;
                    }
                    out.put(b);
                }
            } else {
                out.put(m, i, end - i);
            }
            if (eol < to) {
                out.crlf();
            }
            i = eol + 2;
        }
    }

    private static boolean needsCollapse(byte[] m, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = m[i];
            if (b == '\t' || (b == ' ' && i + 1 < to && (m[i + 1] == ' ' || m[i + 1] == '\t'))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The length of a relaxed body once its empty lines at the end are dropped (RFC 6376 3.4.4 b): what
     * is hashed, followed by one CRLF when it does not end with one and is not empty.
     */
    static int withoutTrailingEmptyLines(byte[] canonical, int length) {
        int n = length;
        // An empty line at the end is a CRLF right after another CRLF (or at the very start).
        while (n >= 2 && canonical[n - 2] == '\r' && canonical[n - 1] == '\n'
                && (n == 2 || (n >= 4 && canonical[n - 4] == '\r' && canonical[n - 3] == '\n'))) {
            n -= 2;
        }
        return n;
    }
}
