package org.paperdigest.catalog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The database's catalog for long-running processes: a snapshot, checked against the catalog's
 * version at most every {@code recheck} and reloaded when a paper was added or changed, so edits
 * reach the picker, the digest and the web pages without a restart.
 */
public final class LiveCatalog implements CurrentCatalog {
    private final CatalogStore store;
    private final Clock clock;
    private final Duration recheck;
    private Catalog snapshot;
    private String version;
    private Instant checkedAt = Instant.MIN;

    public LiveCatalog(CatalogStore store, Clock clock, Duration recheck) {
        this.store = store;
        this.clock = clock;
        this.recheck = recheck;
    }

    @Override
    public synchronized Catalog now() {
        Instant t = clock.instant();
        if (snapshot == null || !t.isBefore(checkedAt.plus(recheck))) {
            checkedAt = t;
            String v = store.version();
            if (snapshot == null || !v.equals(version)) {
                snapshot = store.snapshot();
                version = v;
            }
        }
        return snapshot;
    }

    /** Reads the whole catalog again, whatever the version says (two edits in one millisecond look alike). */
    @Override
    public synchronized Catalog fresh() {
        checkedAt = clock.instant();
        version = store.version();
        snapshot = store.snapshot();
        return snapshot;
    }
}
