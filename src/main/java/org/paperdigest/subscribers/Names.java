package org.paperdigest.subscribers;

/** Cleans a display name from user input. */
public final class Names {
    private static final int MAX_LENGTH = 100;

    private Names() {}

    /** Strips control characters and surrounding space, folds runs of whitespace, caps the length; null if nothing is left. */
    public static String clean(String raw) {
        if (raw == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(raw.length());
        raw.codePoints().forEach(c -> {
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                b.append(' ');
            } else if (!Character.isISOControl(c) && Character.getType(c) != Character.FORMAT) {
                b.appendCodePoint(c);
            }
        });
        String s = b.toString().strip().replaceAll(" {2,}", " ");
        if (s.codePointCount(0, s.length()) > MAX_LENGTH) {
            s = s.substring(0, s.offsetByCodePoints(0, MAX_LENGTH)).strip();
        }
        return s.isEmpty() ? null : s;
    }
}
