package org.paperdigest.subscribers;

/** Cleans a display name from user input, and says when it is not a name at all. */
public final class Names {
    private static final int MAX_LENGTH = 100;
    /** A scheme, a www. host, or a word.word domain (two letters or more after the last dot, no space around it). */
    private static final java.util.regex.Pattern LINK = java.util.regex.Pattern.compile(
            "(?i)([a-z][a-z0-9+.-]*:/|www\\.|[\\p{L}\\p{N}-]+(\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}(?![\\p{L}\\p{N}]))");

    private Names() {}

    /**
     * Says why a (cleaned) name cannot be used, or null when it can: a name with a web address or
     * an e-mail address in it is how a stranger turns the list's own mail into an advert.
     */
    public static String problem(String name) {
        if (name == null) {
            return null;
        }
        if (name.contains("@")) {
            return "Please leave e-mail addresses out of your name.";
        }
        if (LINK.matcher(name).find()) {
            return "Please leave web addresses out of your name.";
        }
        return null;
    }

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
