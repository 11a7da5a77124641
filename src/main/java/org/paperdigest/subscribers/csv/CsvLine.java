package org.paperdigest.subscribers.csv;

/** One data row of an import file as read: a {@link CsvRow} to check and apply, or an unreadable {@link BadRow}. */
public sealed interface CsvLine permits CsvRow, BadRow {
    /** The physical line the row starts on (the header is line 1). */
    long line();
}
