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
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.paperdigest.db.Database;
import org.paperdigest.db.SqlStatements;

/**
 * Reads subscribers and changes their profile (name and topics); every statement comes from
 * {@code sql/subscribers.sql}. Statuses are changed only by {@link Consent}.
 */
public final class SubscriberStore {
    private static final int PAGE = 1000;

    private final Database db;
    private final Clock clock;
    private final String findByKey;
    private final String findById;
    private final String updateProfile;
    private final String pageByStatus;
    private final String pageAll;
    private final String countByStatus;

    public SubscriberStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        SqlStatements sql = db.statements("subscribers.sql");
        findByKey = sql.get("find-by-key");
        findById = sql.get("find-by-id");
        updateProfile = sql.get("update-profile");
        pageByStatus = sql.get("page-by-status");
        pageAll = sql.get("page-all");
        countByStatus = sql.get("count-by-status");
    }

    public Optional<Subscriber> find(EmailAddress email) {
        return db.withConnection(c -> find(c, email));
    }

    public Optional<Subscriber> find(long id) {
        return db.withConnection(c -> find(c, id));
    }

    Optional<Subscriber> find(Connection c, EmailAddress email) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(findByKey)) {
            ps.setString(1, email.key());
            return one(ps);
        }
    }

    Optional<Subscriber> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(findById)) {
            ps.setLong(1, id);
            return one(ps);
        }
    }

    /** Changes name and topics. */
    public void updateProfile(long id, String name, List<String> topics) {
        db.withConnection(c -> {
            updateProfile(c, id, name, topics);
            return null;
        });
    }

    void updateProfile(Connection c, long id, String name, List<String> topics) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(updateProfile)) {
            setNullable(ps, 1, name);
            ps.setString(2, Topics.toColumn(topics));
            ps.setLong(3, clock.millis());
            ps.setLong(4, id);
            ps.executeUpdate();
        }
    }

    /** Calls {@code each} for every subscriber (with {@code status}, or all when null), in id order, a page at a time. */
    public void forEach(SubscriberStatus status, Consumer<Subscriber> each) {
        long after = 0;
        while (true) {
            long from = after;
            List<Subscriber> page = db.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement(status == null ? pageAll : pageByStatus)) {
                    int i = 1;
                    if (status != null) {
                        ps.setString(i++, status.code());
                    }
                    ps.setLong(i++, from);
                    ps.setInt(i, PAGE);
                    return all(ps);
                }
            });
            page.forEach(each);
            if (page.size() < PAGE) {
                return;
            }
            after = page.get(page.size() - 1).id();
        }
    }

    public Map<SubscriberStatus, Long> countByStatus() {
        return db.withConnection(c -> {
            Map<SubscriberStatus, Long> counts = new EnumMap<>(SubscriberStatus.class);
            for (SubscriberStatus s : SubscriberStatus.values()) {
                counts.put(s, 0L);
            }
            try (PreparedStatement ps = c.prepareStatement(countByStatus); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(SubscriberStatus.fromCode(rs.getString(1)), rs.getLong(2));
                }
            }
            return counts;
        });
    }

    private static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    private static Optional<Subscriber> one(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(map(rs)) : Optional.empty();
        }
    }

    private static List<Subscriber> all(PreparedStatement ps) throws SQLException {
        List<Subscriber> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(map(rs));
            }
        }
        return out;
    }

    private static Subscriber map(ResultSet rs) throws SQLException {
        return new Subscriber(rs.getLong(1), rs.getString(2), rs.getString(3), Topics.fromColumn(rs.getString(4)),
                SubscriberStatus.fromCode(rs.getString(5)), instant(rs, 6), instant(rs, 7), instant(rs, 8), instant(rs, 9),
                rs.getString(10));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }
}
