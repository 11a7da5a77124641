package org.paperdigest.subscribers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.UUID;
import org.paperdigest.db.SqlStatements;

/**
 * Remembers in the database which addresses the import in progress has accepted, and on which
 * line, so that a duplicate within a file of any size is found without holding its addresses in
 * memory. Only accepted rows are remembered: a corrected row after a rejected one is no duplicate.
 */
final class ImportLedger {
    private static final Duration STALE = Duration.ofDays(1);

    private final Clock clock;
    private final String forgetStaleSeen;
    private final String forgetStaleRuns;
    private final String openRun;
    private final String claim;
    private final String claimedLine;
    private final String closeSeen;
    private final String closeRun;

    ImportLedger(SqlStatements sql, Clock clock) {
        this.clock = clock;
        forgetStaleSeen = sql.get("forget-stale-seen");
        forgetStaleRuns = sql.get("forget-stale-runs");
        openRun = sql.get("open-run");
        claim = sql.get("claim");
        claimedLine = sql.get("claimed-line");
        closeSeen = sql.get("close-seen");
        closeRun = sql.get("close-run");
    }

    /** Starts an import (clearing what crashed imports left) and returns its id. */
    String open(Connection c) throws SQLException {
        long now = clock.millis();
        long staleBefore = now - STALE.toMillis();
        update(c, forgetStaleSeen, staleBefore);
        update(c, forgetStaleRuns, staleBefore);
        String run = UUID.randomUUID().toString();
        try (PreparedStatement ps = c.prepareStatement(openRun)) {
            ps.setString(1, run);
            ps.setLong(2, now);
            ps.executeUpdate();
        }
        return run;
    }

    /** Records that {@code line} of import {@code run} has {@code email}; returns the earlier line when another row had it. */
    OptionalLong claim(Connection c, String run, EmailAddress email, long line) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(claim)) {
            ps.setString(1, run);
            ps.setString(2, email.key());
            ps.setLong(3, line);
            if (ps.executeUpdate() == 1) {
                return OptionalLong.empty();
            }
        }
        try (PreparedStatement ps = c.prepareStatement(claimedLine)) {
            ps.setString(1, run);
            ps.setString(2, email.key());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /** Forgets what import {@code run} remembered. */
    void close(Connection c, String run) throws SQLException {
        for (String sql : new String[] {closeSeen, closeRun}) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, run);
                ps.executeUpdate();
            }
        }
    }

    private static void update(Connection c, String sql, long value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, value);
            ps.executeUpdate();
        }
    }
}
