package org.paperdigest.catalog;

import java.util.List;

/** Looks papers up by identifier at a remote service (arXiv, Crossref); one class per service in {@code sources}. */
public interface PaperLookup {

    /**
     * Fetches the papers named by {@code ids}, in order. An id the service does not know, or an
     * answer that cannot be used, comes back as {@link ImportEntry.Bad} naming the id.
     */
    List<ImportEntry> lookup(List<String> ids);
}
