package org.paperdigest.membership;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import org.paperdigest.db.Database;
import org.paperdigest.db.SqlStatements;

/**
 * Allows at most one request mail (confirmation or "already subscribed") per address per window,
 * whatever asked for it: the web form or an email command. The slot is taken with a
 * compare-and-set on {@code subscribers.request_mailed_at}, so the limit holds across several
 * instances on one database and across restarts.
 */
public final class AddressLimit {
    /** The window the issue asks for: one confirmation mail per address per 10 minutes. */
    public static final Duration WINDOW = Duration.ofMinutes(10);

    private final Database db;
    private final Clock clock;
    private final Duration window;
    private final String claim;
    private final String release;

    public AddressLimit(Database db, Clock clock, Duration window) {
        this.db = db;
        this.clock = clock;
        this.window = window;
        SqlStatements sql = db.statements("membership.sql");
        this.claim = sql.get("claim-request-mail");
        this.release = sql.get("release-request-mail");
    }

    /** Takes the subscriber's mail slot; returns the claim time, or empty if a mail went out within the window. */
    public OptionalLong claim(long subscriberId) {
        long now = clock.millis();
        int updated = db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(claim)) {
                ps.setLong(1, now);
                ps.setLong(2, subscriberId);
                ps.setLong(3, now - window.toMillis());
                return ps.executeUpdate();
            }
        });
        return updated == 1 ? OptionalLong.of(now) : OptionalLong.empty();
    }

    /** Gives back a slot taken at {@code claimedAt} (the mail could not be sent). */
    public void release(long subscriberId, long claimedAt) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(release)) {
                ps.setLong(1, subscriberId);
                ps.setLong(2, claimedAt);
                return ps.executeUpdate();
            }
        });
    }
}
