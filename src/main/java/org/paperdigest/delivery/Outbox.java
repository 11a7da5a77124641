package org.paperdigest.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.paperdigest.db.Database;
import org.paperdigest.db.SqlStatements;
import org.paperdigest.subscribers.Topics;

/**
 * The delivery records of every issue: one row per (issue, subscriber), written before anything
 * is sent. Senders claim rows for a lease, send, and mark each row as it finishes; a crash leaves
 * at most the rows in flight unmarked, and their lease running out puts them back in the queue.
 */
public final class Outbox {
    private final Database db;
    private final Clock clock;
    private final String planningPage;
    private final String receivedPapers;
    private final String insertDelivery;
    private final String lastIssueTimes;
    private final String advancePlanning;
    private final String claimablePending;
    private final String claimableDue;
    private final String claim;
    private final String markSent;
    private final String markRetry;
    private final String markFailed;
    private final String markSkipped;
    private final String release;
    private final String releaseEvery;
    private final String sentBy;
    private final String claimsHeld;
    private final String countOpen;
    private final String nextDue;
    private final String requeueFailed;
    private final String extendLease;

    public Outbox(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        SqlStatements sql = db.statements("delivery.sql");
        planningPage = sql.get("planning-page");
        receivedPapers = sql.get("received-papers");
        insertDelivery = sql.get("insert-delivery");
        lastIssueTimes = sql.get("last-issue-times");
        advancePlanning = sql.get("advance-planning");
        claimablePending = sql.get("claimable-pending");
        claimableDue = sql.get("claimable-due");
        claim = sql.get("claim");
        markSent = sql.get("mark-sent");
        markRetry = sql.get("mark-retry");
        markFailed = sql.get("mark-failed");
        markSkipped = sql.get("mark-skipped");
        release = sql.get("release");
        releaseEvery = sql.get("release-every-claim");
        sentBy = sql.get("sent-by");
        claimsHeld = sql.get("claims-held");
        countOpen = sql.get("count-open");
        nextDue = sql.get("next-due");
        requeueFailed = sql.get("requeue-failed");
        extendLease = sql.get("extend-lease");
    }

    /** An active subscriber waiting to be planned: id and topics. */
    record Candidate(long subscriberId, List<String> topics) {}

    /** A planned row: the picks (paper ids; the first {@code newPapers} new to the catalog) or none, meaning the reader is skipped. */
    record Planned(long subscriberId, List<String> paperIds, int newPapers) {}

    /** Returns the next page of active subscribers with id above {@code after}. */
    List<Candidate> candidates(long after, int limit) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(planningPage)) {
                ps.setLong(1, after);
                ps.setInt(2, limit);
                List<Candidate> out = new ArrayList<>(limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Candidate(rs.getLong(1), Topics.fromColumn(rs.getString(2))));
                    }
                }
                return out;
            }
        });
    }

    /** Returns the papers already delivered to each subscriber with an id in [from, to]. */
    Map<Long, Set<String>> received(long from, long to) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(receivedPapers)) {
                ps.setLong(1, from);
                ps.setLong(2, to);
                Map<Long, Set<String>> out = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Set<String> papers = out.computeIfAbsent(rs.getLong(1), k -> new HashSet<>());
                        papers.addAll(split(rs.getString(2)));
                    }
                }
                return out;
            }
        });
    }

    /** Returns when each subscriber with an id in [from, to] was last sent an issue before {@code issue}. */
    Map<Long, Instant> lastIssues(long from, long to, int issue) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(lastIssueTimes)) {
                ps.setLong(1, from);
                ps.setLong(2, to);
                ps.setInt(3, issue);
                Map<Long, Instant> out = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)));
                    }
                }
                return out;
            }
        });
    }

    /** Writes one page of planned rows and the planning checkpoint in one transaction. */
    void insertPlanned(int issue, List<Planned> rows, long through) {
        db.inTransaction(c -> {
            long now = clock.millis();
            try (PreparedStatement ps = c.prepareStatement(insertDelivery)) {
                for (Planned p : rows) {
                    ps.setInt(1, issue);
                    ps.setLong(2, p.subscriberId());
                    ps.setString(3, String.join(",", p.paperIds()));
                    ps.setString(4, p.paperIds().isEmpty() ? "skipped" : "pending");
                    ps.setLong(5, now);
                    ps.setInt(6, p.newPapers());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(advancePlanning)) {
                ps.setLong(1, through);
                ps.setInt(2, issue);
                ps.setLong(3, through);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Claims up to {@code limit} rows of an issue for {@code sender} until {@code leaseUntil}:
     * never-tried rows first (from above {@code floor}, the id below which all were claimed already,
     * as a hint), then retries that are due and rows whose previous sender's lease ran out.
     */
    List<Claimed> claim(int issue, String sender, Instant leaseUntil, int limit, long floor) {
        return db.inTransaction(c -> {
            long now = clock.millis();
            List<Claimed> rows = selectPending(c, issue, floor, limit);
            if (rows.isEmpty() && floor > 0) {
                // Rows below the floor may have come back (a released claim): look once more from the start.
                rows = selectPending(c, issue, 0, limit);
            }
            if (rows.isEmpty()) {
                rows = selectDue(c, issue, now, limit);
            }
            if (rows.isEmpty()) {
                return rows;
            }
            try (PreparedStatement ps = c.prepareStatement(claim)) {
                for (Claimed r : rows) {
                    ps.setString(1, sender);
                    ps.setLong(2, leaseUntil.toEpochMilli());
                    ps.setLong(3, now);
                    ps.setLong(4, r.deliveryId());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return rows;
        });
    }

    private List<Claimed> selectPending(Connection c, int issue, long floor, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(claimablePending)) {
            ps.setInt(1, issue);
            ps.setLong(2, floor);
            ps.setInt(3, limit);
            return rows(ps, limit);
        }
    }

    private List<Claimed> selectDue(Connection c, int issue, long now, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(claimableDue)) {
            ps.setInt(1, issue);
            ps.setLong(2, now);
            ps.setLong(3, now);
            ps.setInt(4, limit);
            return rows(ps, limit);
        }
    }

    private static List<Claimed> rows(PreparedStatement ps, int limit) throws SQLException {
        List<Claimed> out = new ArrayList<>(limit);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Claimed(rs.getLong(1), rs.getLong(2), split(rs.getString(3)), rs.getInt(4),
                        rs.getString(5), rs.getString(6), Topics.fromColumn(rs.getString(7)),
                        "active".equals(rs.getString(8)), rs.getInt(9)));
            }
        }
        return out;
    }

    /**
     * Extends this sender's lease on the given rows; returns the rows still held (a row whose lease
     * ran out may have been taken by another sender and must not be sent by this one).
     */
    List<Claimed> extend(List<Claimed> rows, String sender, Instant until) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(extendLease)) {
                for (Claimed r : rows) {
                    ps.setLong(1, until.toEpochMilli());
                    ps.setLong(2, r.deliveryId());
                    ps.setString(3, sender);
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                List<Claimed> held = new ArrayList<>(rows.size());
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] != 0) {
                        held.add(rows.get(i));
                    }
                }
                return held;
            }
        });
    }

    /** A delivery the server accepted, with the Message-ID it went out with, and the sender that claimed it. */
    record SentMark(long deliveryId, String sender, String messageId) {}

    /** Marks deliveries sent, all in one transaction; returns how many were still their sender's claim. */
    int markSent(List<SentMark> marks) {
        return db.inTransaction(c -> {
            long now = clock.millis();
            try (PreparedStatement ps = c.prepareStatement(markSent)) {
                for (SentMark m : marks) {
                    ps.setString(1, m.messageId());
                    ps.setLong(2, now);
                    ps.setLong(3, now);
                    ps.setLong(4, m.deliveryId());
                    ps.setString(5, m.sender());
                    ps.addBatch();
                }
                int marked = 0;
                for (int n : ps.executeBatch()) {
                    marked += n == java.sql.Statement.SUCCESS_NO_INFO ? 1 : n;
                }
                return marked;
            }
        });
    }

    void markRetry(long deliveryId, String sender, Instant at, String reason) {
        execute(markRetry, ps -> {
            ps.setLong(1, at.toEpochMilli());
            ps.setString(2, truncate(reason));
            ps.setLong(3, clock.millis());
            ps.setLong(4, deliveryId);
            ps.setString(5, sender);
        });
    }

    void markFailed(long deliveryId, String sender, String reason) {
        execute(markFailed, ps -> {
            ps.setString(1, truncate(reason));
            ps.setLong(2, clock.millis());
            ps.setLong(3, deliveryId);
            ps.setString(4, sender);
        });
    }

    void markSkipped(long deliveryId, String sender, String reason) {
        execute(markSkipped, ps -> {
            ps.setString(1, truncate(reason));
            ps.setLong(2, clock.millis());
            ps.setLong(3, deliveryId);
            ps.setString(4, sender);
        });
    }

    /** Gives claimed rows back without counting an attempt; they may be taken again from {@code at}. */
    void release(List<Claimed> rows, String sender, Instant at) {
        if (rows.isEmpty()) {
            return;
        }
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(release)) {
                for (Claimed r : rows) {
                    ps.setLong(1, at.toEpochMilli());
                    ps.setLong(2, clock.millis());
                    ps.setLong(3, r.deliveryId());
                    ps.setString(4, sender);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** Returns every claim of every issue to the queue (only safe when no other sender can be running). */
    public int releaseEveryClaim() {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(releaseEvery)) {
                long now = clock.millis();
                ps.setLong(1, now);
                ps.setLong(2, now);
                return ps.executeUpdate();
            }
        });
    }

    /** How many messages of an issue each sender (the claim name, {@code instance/issue.n.x}) has sent. */
    Map<String, Long> sentBy(int issue) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sentBy)) {
                ps.setInt(1, issue);
                Map<String, Long> out = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1) == null ? "" : rs.getString(1), rs.getLong(2));
                    }
                }
                return out;
            }
        });
    }

    /** Counts rows of an issue that a sender holds under an unexpired lease. */
    long claimsHeld(int issue) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(claimsHeld)) {
                ps.setInt(1, issue);
                ps.setLong(2, clock.millis());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Counts rows of an issue still pending, claimed or waiting to retry. */
    long open(int issue) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(countOpen)) {
                ps.setInt(1, issue);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** When the next retry or lease expiry of an issue is due, or null if none is waiting. */
    Instant nextDue(int issue) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(nextDue)) {
                ps.setInt(1, issue);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? IssueStore.instant(rs, 1) : null;
                }
            }
        });
    }

    /** Puts the failed rows of an issue back in the queue; returns how many. */
    public int requeueFailed(int issue) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(requeueFailed)) {
                ps.setLong(1, clock.millis());
                ps.setInt(2, issue);
                return ps.executeUpdate();
            }
        });
    }

    private void execute(String sql, Binder binder) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                return ps.executeUpdate();
            }
        });
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private static String truncate(String reason) {
        if (reason == null) {
            return null;
        }
        return reason.length() <= 500 ? reason : reason.substring(0, 500);
    }

    static List<String> split(String papers) {
        if (papers == null || papers.isEmpty()) {
            return List.of();
        }
        return List.of(papers.split(","));
    }
}
