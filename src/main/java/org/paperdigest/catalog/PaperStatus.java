package org.paperdigest.catalog;

import java.util.Locale;

/** Where a paper stands in review: only published papers are picked or shown on public pages. */
public enum PaperStatus {
    DRAFT, PUBLISHED, REJECTED;

    /** The lower-case name used in the database, the JSON file and the CLI. */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code draft}, {@code published} or {@code rejected}. */
    public static PaperStatus of(String s) {
        for (PaperStatus v : values()) {
            if (v.column().equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown paper status \"" + s + "\" (expected draft, published, rejected)");
    }
}
