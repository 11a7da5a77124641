package org.paperdigest.subscribers.csv;

import java.util.Locale;
import org.paperdigest.config.BadInputException;

/** Chooses the field delimiter: comma, semicolon (Excel in many European locales) or TAB, from the header line. */
final class Delimiter {
    private static final char[] CANDIDATES = {',', ';', '\t'};

    private Delimiter() {}

    /** The candidate found most often outside quotes in {@code header}; comma when none is (a one-column file). */
    static char of(String header) {
        int[] counts = new int[CANDIDATES.length];
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                for (int k = 0; k < CANDIDATES.length; k++) {
                    if (c == CANDIDATES[k]) {
                        counts[k]++;
                    }
                }
            }
        }
        int best = 0;
        for (int k = 1; k < CANDIDATES.length; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return CANDIDATES[best];
    }

    /** Parses --delimiter: one character, or the words comma, semicolon, tab. */
    static char parse(String option) {
        String s = option.toLowerCase(Locale.ROOT);
        switch (s) {
            case "comma" -> { return ','; }
            case "semicolon" -> { return ';'; }
            case "tab", "\\t" -> { return '\t'; }
            default -> {
                if (option.length() == 1 && option.charAt(0) != '"') {
                    return option.charAt(0);
                }
                throw new BadInputException("--delimiter " + option + ": expected one character, or comma, semicolon or tab");
            }
        }
    }

    /** How the delimiter reads in a message: "','" or "TAB". */
    static String describe(char d) {
        return d == '\t' ? "TAB" : "'" + d + "'";
    }
}
