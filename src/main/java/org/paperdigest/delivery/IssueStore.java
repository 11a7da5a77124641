package org.paperdigest.delivery;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.paperdigest.db.Database;
import org.paperdigest.db.SqlStatements;

/** Creates issues, moves them through planning → sending → done and reports on them. */
public final class IssueStore {
    private final Database db;
    private final Clock clock;
    private final String latest;
    private final String oldestUnfinished;
    private final String find;
    private final String list;
    private final String insert;
    private final String finishPlanning;
    private final String finishIssue;
    private final String reopen;
    private final String countByStatus;
    private final String sendTimes;
    private final String topErrors;
    private final String deleteEmpty;
    private final String deleteRows;
    private final String countActive;
    private final String issuesSince;

    public IssueStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        SqlStatements sql = db.statements("delivery.sql");
        latest = sql.get("latest-issue");
        oldestUnfinished = sql.get("oldest-unfinished");
        find = sql.get("find-issue");
        list = sql.get("list-issues");
        insert = sql.get("insert-issue");
        finishPlanning = sql.get("finish-planning");
        finishIssue = sql.get("finish-issue");
        reopen = sql.get("reopen-issue");
        countByStatus = sql.get("count-by-status");
        sendTimes = sql.get("send-times");
        topErrors = sql.get("top-errors");
        deleteEmpty = sql.get("delete-empty-issue");
        deleteRows = sql.get("delete-issue-rows");
        countActive = sql.get("count-active");
        issuesSince = sql.get("issues-since");
    }

    public Optional<Issue> latest() {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(latest)) {
                return one(ps);
            }
        });
    }

    /** The oldest issue not yet done: the one a send resumes before anything new starts. */
    public Optional<Issue> oldestUnfinished() {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(oldestUnfinished)) {
                return one(ps);
            }
        });
    }

    public Optional<Issue> find(int number) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(find)) {
                ps.setInt(1, number);
                return one(ps);
            }
        });
    }

    public List<Issue> list() {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(list); ResultSet rs = ps.executeQuery()) {
                List<Issue> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(map(rs));
                }
                return out;
            }
        });
    }

    /**
     * Creates the next issue (latest number + 1) in planning. Returns empty when another process
     * created that number first, or when an issue for {@code scheduledFor} already exists.
     */
    public Optional<Issue> create(Issue.Kind kind, Instant scheduledFor, int papersPerIssue) {
        return db.inTransaction(c -> {
            int next;
            try (PreparedStatement ps = c.prepareStatement(latest)) {
                next = one(ps).map(i -> i.number() + 1).orElse(1);
            }
            try (PreparedStatement ps = c.prepareStatement(insert)) {
                ps.setInt(1, next);
                ps.setString(2, kind.name().toLowerCase(Locale.ROOT));
                if (scheduledFor == null) {
                    ps.setNull(3, Types.BIGINT);
                } else {
                    ps.setLong(3, scheduledFor.toEpochMilli());
                }
                ps.setInt(4, papersPerIssue);
                ps.setLong(5, clock.millis());
                if (ps.executeUpdate() == 0) {
                    return Optional.<Issue>empty();
                }
            }
            try (PreparedStatement ps = c.prepareStatement(find)) {
                ps.setInt(1, next);
                return one(ps);
            }
        });
    }

    /** Deletes an issue that has only skipped rows (nobody had anything new); returns true if it did. */
    public boolean dropIfEmpty(int number) {
        return db.inTransaction(c -> {
            if (!hasOnlySkipped(c, number)) {
                return false;
            }
            for (String sql : List.of(deleteRows, deleteEmpty)) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setInt(1, number);
                    ps.executeUpdate();
                }
            }
            return true;
        });
    }

    private boolean hasOnlySkipped(java.sql.Connection c, int number) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(countByStatus)) {
            ps.setInt(1, number);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!"skipped".equals(rs.getString(1)) && rs.getLong(2) > 0) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** True when an issue was created at or after {@code time}, or is scheduled for it or later. */
    public boolean anySince(Instant time) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(issuesSince)) {
                ps.setLong(1, time.toEpochMilli());
                ps.setLong(2, time.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1) > 0;
                }
            }
        });
    }

    /** Counts active subscribers: the readers an issue planned now would consider. */
    public long activeSubscribers() {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(countActive); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Marks planning complete; returns false if it already was. */
    public boolean finishPlanning(int number) {
        return update(finishPlanning, number);
    }

    /** Marks the issue done; returns false if it already was. */
    public boolean finish(int number) {
        return update(finishIssue, number);
    }

    public void reopen(int number) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(reopen)) {
                ps.setInt(1, number);
                return ps.executeUpdate();
            }
        });
    }

    private boolean update(String sql, int number) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, clock.millis());
                ps.setInt(2, number);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Counts, times and top failure reasons of one issue, for {@code issues list/show}. */
    public IssueReport report(Issue issue, int errorLimit) {
        return db.withConnection(c -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String s : List.of("pending", "sending", "retry", "sent", "failed", "skipped")) {
                counts.put(s, 0L);
            }
            try (PreparedStatement ps = c.prepareStatement(countByStatus)) {
                ps.setInt(1, issue.number());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counts.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            Instant first = null;
            Instant last = null;
            try (PreparedStatement ps = c.prepareStatement(sendTimes)) {
                ps.setInt(1, issue.number());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        first = instant(rs, 1);
                        last = instant(rs, 2);
                    }
                }
            }
            Map<String, Long> errors = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(topErrors)) {
                ps.setInt(1, issue.number());
                ps.setInt(2, errorLimit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        errors.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return new IssueReport(issue, counts, first, last, errors);
        });
    }

    private static Optional<Issue> one(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(map(rs)) : Optional.empty();
        }
    }

    private static Issue map(ResultSet rs) throws SQLException {
        return new Issue(rs.getInt(1),
                Issue.Kind.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)),
                Issue.Status.valueOf(rs.getString(3).toUpperCase(Locale.ROOT)),
                instant(rs, 4), rs.getInt(5), rs.getLong(6), instant(rs, 7), instant(rs, 8), instant(rs, 9));
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }
}
