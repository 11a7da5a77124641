package org.paperdigest.catalog;

import java.util.List;

/** Reads one file format (our JSON, BibTeX, CSL-JSON, RSS/Atom) into catalog entries; one class per format in {@code sources}. */
public interface EntryFormat {

    /** A short name for reports and the {@code source} of what it reads ("bibtex", "csl-json"...). */
    String name();

    /** Whether files with this name are in this format (by extension). */
    boolean reads(String fileName);

    /** Reads every entry of {@code content}; a bad entry is returned as {@link ImportEntry.Bad}, naming it. */
    List<ImportEntry> read(byte[] content, String fileName);
}
