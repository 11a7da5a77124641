package org.paperdigest.catalog;

/** One entry read from a file or a source: a curated paper, a found one, or a bad entry and why. */
public sealed interface ImportEntry {

    /** An entry of our own JSON format: id, rank and words are the editor's. */
    record Curated(Paper paper) implements ImportEntry {}

    /** A paper found in BibTeX, CSL-JSON, a feed, arXiv or Crossref: the catalog gives it an id and a rank. */
    record Found(FoundPaper paper) implements ImportEntry {}

    /** An entry that cannot be used; {@code reason} names the entry ("entry 3 (key x): no title"). */
    record Bad(String reason) implements ImportEntry {}
}
