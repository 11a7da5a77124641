package org.paperdigest.subscribers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.paperdigest.db.Database;
import org.paperdigest.db.SqlStatements;

/**
 * Records bounces and complaints and decides when an address has bounced for good. The count is
 * over issues in a row: walking back from a subscriber's latest sent (or refused) issue, every
 * issue with a bounce extends the run and the first issue without one (a delivery) ends it, so a
 * later successful delivery resets both counts. The subscriber is opted out as bounced when the run
 * holds {@code hardLimit} hard bounces (DIGEST_BOUNCE_LIMIT), or {@code softLimit} bounced issues
 * (DIGEST_SOFT_BOUNCE_LIMIT, 0 = never). A complaint opts the subscriber out at once and is no
 * bounce. Opt-outs go through {@link Consent}. Statements come from {@code sql/bounces.sql}.
 */
public final class BounceStore {
    private final Database db;
    private final Clock clock;
    private final Consent consent;
    private final int hardLimit;
    private final int softLimit;
    private final String insert;
    private final String recentOutcomes;
    private final String deliveryMessageId;
    private final String ofIssue;
    private final String countOfIssue;
    private final String ofSubscriber;

    public BounceStore(Database db, Clock clock, Consent consent, int hardLimit, int softLimit) {
        if (hardLimit < 1 || softLimit < 0) {
            throw new IllegalArgumentException("bounce limits must be positive (soft may be 0 = off)");
        }
        this.db = db;
        this.clock = clock;
        this.consent = consent;
        this.hardLimit = hardLimit;
        this.softLimit = softLimit;
        SqlStatements sql = db.statements("bounces.sql");
        insert = sql.get("insert-bounce");
        recentOutcomes = sql.get("recent-outcomes");
        deliveryMessageId = sql.get("delivery-message-id");
        ofIssue = sql.get("bounces-of-issue");
        countOfIssue = sql.get("count-bounces-of-issue");
        ofSubscriber = sql.get("bounces-of-subscriber");
    }

    /** What recording a bounce did. */
    public enum Outcome {
        /** This report was recorded before; nothing changed. */
        DUPLICATE,
        /** Recorded; the subscriber stays as they were. */
        RECORDED,
        /** Recorded, and it was one too many: the subscriber is now {@code bounced}. */
        SUBSCRIBER_BOUNCED,
        /** A complaint, recorded: the subscriber is opted out (or had already left). */
        SUBSCRIBER_COMPLAINED
    }

    /** Records a bounce and opts the subscriber out when the limits are reached; a complaint opts out at once. */
    public Outcome record(Bounce b) {
        boolean inserted = db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(insert)) {
                ps.setLong(1, b.subscriberId());
                ps.setInt(2, b.issue());
                ps.setString(3, b.kind().code());
                setNullable(ps, 4, b.status());
                setNullable(ps, 5, truncate(b.diagnostic(), 500));
                setNullable(ps, 6, truncate(b.recipient(), 320));
                ps.setString(7, b.source());
                ps.setString(8, truncate(b.reportId(), 500));
                ps.setLong(9, clock.millis());
                return ps.executeUpdate() == 1;
            }
        });
        if (!inserted) {
            return Outcome.DUPLICATE;
        }
        if (b.kind() == Bounce.Kind.COMPLAINT) {
            consent.complained(b.subscriberId(), "complaint about issue " + b.issue() + (b.diagnostic() == null ? "" : ": " + b.diagnostic()));
            return Outcome.SUBSCRIBER_COMPLAINED;
        }
        Run run = run(b.subscriberId());
        boolean over = run.hard() >= hardLimit || (softLimit > 0 && run.issues() >= softLimit);
        String detail = (run.hard() >= hardLimit ? run.hard() + " hard" : run.issues() + " bounced issues in a row") + ", last on issue "
                + b.issue() + ": " + b.kind().code() + (b.status() == null ? "" : " " + b.status())
                + (b.diagnostic() == null ? "" : " " + b.diagnostic());
        return over && consent.bounced(b.subscriberId(), Consent.Source.BOUNCE, detail) ? Outcome.SUBSCRIBER_BOUNCED : Outcome.RECORDED;
    }

    /** The current run of bounced issues of a subscriber: how many issues in a row bounced, and how many of them hard. */
    public record Run(int issues, int hard) {}

    public Run run(long subscriberId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(recentOutcomes)) {
                ps.setLong(1, subscriberId);
                ps.setInt(2, Math.max(hardLimit, softLimit) + 1);
                int issues = 0;
                int hard = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int worst = rs.getInt(2);
                        if (worst == 0) {
                            break;
                        }
                        issues++;
                        if (worst == 2) {
                            hard++;
                        }
                    }
                }
                return new Run(issues, hard);
            }
        });
    }

    /** The Message-ID a delivery went out with, if it was sent. */
    public Optional<String> messageIdOf(int issue, long subscriberId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(deliveryMessageId)) {
                ps.setInt(1, issue);
                ps.setLong(2, subscriberId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** One bounce or complaint as {@code issues show} and {@code subscribers show} list it. */
    public record Listed(Bounce.Kind kind, String status, String diagnostic, String email, SubscriberStatus subscriberStatus,
                         String source, Instant receivedAt, int issue) {}

    /** The latest bounces of an issue, at most {@code limit}. */
    public List<Listed> ofIssue(int issue, int limit) {
        return listed(ofIssue, issue, limit);
    }

    /** A reader's latest bounces and complaints with their reasons, newest first, at most {@code limit}. */
    public List<Listed> ofSubscriber(long subscriberId, int limit) {
        return listed(ofSubscriber, subscriberId, limit);
    }

    private List<Listed> listed(String statement, long key, int limit) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(statement)) {
                ps.setLong(1, key);
                ps.setInt(2, limit);
                List<Listed> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Listed(Bounce.Kind.valueOf(rs.getString(1).toUpperCase(java.util.Locale.ROOT)), rs.getString(2),
                                rs.getString(3), rs.getString(4), SubscriberStatus.fromCode(rs.getString(5)), rs.getString(6),
                                Instant.ofEpochMilli(rs.getLong(7)), rs.getInt(8)));
                    }
                }
                return out;
            }
        });
    }

    /** How many hard and soft bounces and complaints an issue has. */
    public Map<Bounce.Kind, Long> countOfIssue(int issue) {
        return db.withConnection(c -> count(c, issue));
    }

    private Map<Bounce.Kind, Long> count(Connection c, int issue) throws SQLException {
        Map<Bounce.Kind, Long> out = new EnumMap<>(Bounce.Kind.class);
        out.put(Bounce.Kind.HARD, 0L);
        out.put(Bounce.Kind.SOFT, 0L);
        out.put(Bounce.Kind.COMPLAINT, 0L);
        try (PreparedStatement ps = c.prepareStatement(countOfIssue)) {
            ps.setInt(1, issue);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(Bounce.Kind.valueOf(rs.getString(1).toUpperCase(java.util.Locale.ROOT)), rs.getLong(2));
                }
            }
        }
        return out;
    }

    private static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
