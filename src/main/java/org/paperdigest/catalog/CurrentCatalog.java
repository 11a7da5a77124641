package org.paperdigest.catalog;

/** Gives the catalog as it is now: a fixed one (tests, files) or the database's, reloaded when it changes. */
public interface CurrentCatalog {

    /** The catalog, possibly a few seconds old. */
    Catalog now();

    /** The catalog read again, for when {@link #now()} lacks a paper that was just added. */
    Catalog fresh();
}
