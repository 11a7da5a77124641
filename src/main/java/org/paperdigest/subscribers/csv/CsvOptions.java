package org.paperdigest.subscribers.csv;

/**
 * How to read an import file: {@code encoding} and {@code delimiter} override detection when not
 * null (from --encoding and --delimiter).
 */
public record CsvOptions(String encoding, Character delimiter) {
    public static final CsvOptions DETECT = new CsvOptions(null, null);

    public CsvOptions {
        if (delimiter != null && (delimiter == '"' || delimiter == '\r' || delimiter == '\n')) {
            throw new IllegalArgumentException("a delimiter cannot be a quote or a line break");
        }
    }

    /** Parses a --delimiter value: one character, or the words comma, semicolon, tab. */
    public static char delimiter(String option) {
        return Delimiter.parse(option);
    }
}
