package org.paperdigest.subscribers;

/**
 * Hears about an import as it goes, so a front end can print every rejected row and note of a
 * file of any size (the {@link ImportReport} keeps only the first ones) and show progress.
 */
public interface ImportLog {
    ImportLog NONE = new ImportLog() {};

    /** A rejected row: "line 7: reason". */
    default void rejected(String problem) {}

    /** Something worth knowing that rejected nothing: "line 9: ada@example.org is unsubscribed; left as it is". */
    default void noted(String note) {}

    /** Called after each batch of rows, with the rows handled so far. */
    default void progress(long rows) {}
}
