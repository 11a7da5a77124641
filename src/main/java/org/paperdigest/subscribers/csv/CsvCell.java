package org.paperdigest.subscribers.csv;

/**
 * Guards exported cells against formula injection (OWASP "CSV injection") and undoes the guard on
 * import. A cell that starts with = + - @ TAB or CR, after any number of single quotes, gets one
 * more single quote in front: a spreadsheet shows it as text. Import removes exactly one leading
 * quote from such a cell, so our own export imports back to the original value, even a value that
 * itself started with a quote.
 */
public final class CsvCell {
    private CsvCell() {}

    /** Returns the cell as it should be written to a CSV a spreadsheet may open. */
    public static String neutralise(String value) {
        return value != null && guarded(value, 0) ? "'" + value : value;
    }

    /** Returns the value a cell written by {@link #neutralise} stood for. */
    public static String restore(String cell) {
        return cell != null && cell.startsWith("'") && guarded(cell, 1) ? cell.substring(1) : cell;
    }

    private static boolean guarded(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) == '\'') {
            i++;
        }
        if (i == s.length()) {
            return false;
        }
        char c = s.charAt(i);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }
}
