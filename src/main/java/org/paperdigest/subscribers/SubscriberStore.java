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
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.paperdigest.db.Database;
import org.paperdigest.db.SqlStatements;

/** Reads and changes subscribers in the database; every statement comes from {@code sql/subscribers.sql}. */
public final class SubscriberStore {
    private static final int PAGE = 1000;

    private final Database db;
    private final Clock clock;
    private final String findByKey;
    private final String findById;
    private final String insert;
    private final String updateProfile;
    private final String activate;
    private final String makePending;
    private final String unsubscribe;
    private final String markBounced;
    private final String deleteByKey;
    private final String pageByStatus;
    private final String pageAll;
    private final String countByStatus;
    private final ImportLedger ledger;

    public SubscriberStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        SqlStatements sql = db.statements("subscribers.sql");
        findByKey = sql.get("find-by-key");
        findById = sql.get("find-by-id");
        insert = sql.get("insert");
        updateProfile = sql.get("update-profile");
        activate = sql.get("activate");
        makePending = sql.get("make-pending");
        unsubscribe = sql.get("unsubscribe");
        markBounced = sql.get("mark-bounced");
        deleteByKey = sql.get("delete-by-key");
        pageByStatus = sql.get("page-by-status");
        pageAll = sql.get("page-all");
        countByStatus = sql.get("count-by-status");
        ledger = new ImportLedger(db.statements("imports.sql"), clock);
    }

    /** What a write did to the list. */
    public enum Change { CREATED, UPDATED, UNCHANGED }

    public Optional<Subscriber> find(EmailAddress email) {
        return db.withConnection(c -> find(c, email));
    }

    public Optional<Subscriber> find(long id) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(findById)) {
                ps.setLong(1, id);
                return one(ps);
            }
        });
    }

    Optional<Subscriber> find(Connection c, EmailAddress email) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(findByKey)) {
            ps.setString(1, email.key());
            return one(ps);
        }
    }

    /**
     * Adds a subscriber, or updates the name and topics of an existing one. {@code status} is the
     * status of a new row; an existing pending subscriber becomes active when {@code status} is
     * active. Unsubscribed and bounced readers are never resurrected here, and an existing
     * reader's status never goes backwards.
     */
    public Change save(EmailAddress email, String name, List<String> topics, SubscriberStatus status, String source) {
        return db.inTransaction(c -> save(c, email, name, topics, status, source));
    }

    Change save(Connection c, EmailAddress email, String name, List<String> topics, SubscriberStatus status, String source)
            throws SQLException {
        long now = clock.millis();
        Optional<Subscriber> existing = find(c, email);
        if (existing.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(insert)) {
                ps.setString(1, email.value());
                ps.setString(2, email.key());
                setNullable(ps, 3, name);
                ps.setString(4, Topics.toColumn(topics));
                ps.setString(5, status.code());
                ps.setString(6, source);
                ps.setLong(7, now);
                ps.setLong(8, now);
                setTimeIf(ps, 9, status == SubscriberStatus.ACTIVE, now);
                setTimeIf(ps, 10, status == SubscriberStatus.UNSUBSCRIBED, now);
                setTimeIf(ps, 11, status == SubscriberStatus.BOUNCED, now);
                ps.executeUpdate();
            }
            return Change.CREATED;
        }
        Subscriber s = existing.get();
        boolean changed = false;
        if (!Objects.equals(s.name(), name) || !s.topics().equals(topics)) {
            try (PreparedStatement ps = c.prepareStatement(updateProfile)) {
                setNullable(ps, 1, name);
                ps.setString(2, Topics.toColumn(topics));
                ps.setLong(3, now);
                ps.setLong(4, s.id());
                ps.executeUpdate();
            }
            changed = true;
        }
        if (s.status() == SubscriberStatus.PENDING && status == SubscriberStatus.ACTIVE) {
            activate(c, s.id(), now);
            changed = true;
        }
        return changed ? Change.UPDATED : Change.UNCHANGED;
    }

    /** Marks a subscriber active (confirmed). Returns false if there is no such subscriber. */
    public boolean activate(long id) {
        return db.withConnection(c -> activate(c, id, clock.millis()));
    }

    private boolean activate(Connection c, long id, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(activate)) {
            ps.setLong(1, now);
            ps.setLong(2, now);
            ps.setLong(3, id);
            return ps.executeUpdate() == 1;
        }
    }

    /** Puts a subscriber back to pending (a returning reader must confirm again). */
    public void makePending(long id) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(makePending)) {
                ps.setLong(1, clock.millis());
                ps.setLong(2, id);
                return ps.executeUpdate();
            }
        });
    }

    /** Unsubscribes; returns true if the status changed, false if already unsubscribed or unknown. */
    public boolean unsubscribe(long id) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(unsubscribe)) {
                long now = clock.millis();
                ps.setLong(1, now);
                ps.setLong(2, now);
                ps.setLong(3, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Marks an active subscriber bounced; returns true if the status changed. */
    public boolean markBounced(long id) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(markBounced)) {
                long now = clock.millis();
                ps.setLong(1, now);
                ps.setLong(2, now);
                ps.setLong(3, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Changes name and topics. */
    public void updateProfile(long id, String name, List<String> topics) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(updateProfile)) {
                setNullable(ps, 1, name);
                ps.setString(2, Topics.toColumn(topics));
                ps.setLong(3, clock.millis());
                ps.setLong(4, id);
                return ps.executeUpdate();
            }
        });
    }

    /** Deletes a subscriber and their delivery history; returns false if the address is not on the list. */
    public boolean remove(EmailAddress email) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(deleteByKey)) {
                ps.setString(1, email.key());
                return ps.executeUpdate() == 1;
            }
        });
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

    /** Runs several saves in one transaction (imports use this to write a batch at a time). */
    public <T> T batch(BatchWork<T> work) {
        return db.inTransaction(c -> work.run(new Batch(c)));
    }

    /** Runs work in one transaction that is always rolled back: an import's dry run sees its own writes, and leaves none. */
    public <T> T rehearse(BatchWork<T> work) {
        return db.withConnection(c -> {
            c.setAutoCommit(false);
            try {
                return work.run(new Batch(c));
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        });
    }

    /** Work done inside one transaction. */
    @FunctionalInterface
    public interface BatchWork<T> {
        T run(Batch batch) throws SQLException;
    }

    /** The operations available inside {@link #batch}. */
    public final class Batch {
        private final Connection c;

        private Batch(Connection c) {
            this.c = c;
        }

        public Optional<Subscriber> find(EmailAddress email) throws SQLException {
            return SubscriberStore.this.find(c, email);
        }

        public Change save(EmailAddress email, String name, List<String> topics, SubscriberStatus status, String source)
                throws SQLException {
            return SubscriberStore.this.save(c, email, name, topics, status, source);
        }

        /** Starts an import whose accepted addresses are remembered (see {@link #claim}); returns its id. */
        public String openImport() throws SQLException {
            return ledger.open(c);
        }

        /** Records that {@code line} of import {@code run} has {@code email}; returns the earlier line that had it, if any. */
        public OptionalLong claim(String run, EmailAddress email, long line) throws SQLException {
            return ledger.claim(c, run, email, line);
        }

        /** Forgets what import {@code run} remembered. */
        public void closeImport(String run) throws SQLException {
            ledger.close(c, run);
        }
    }

    private static void setTimeIf(PreparedStatement ps, int index, boolean set, long time) throws SQLException {
        if (set) {
            ps.setLong(index, time);
        } else {
            ps.setNull(index, Types.BIGINT);
        }
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
                SubscriberStatus.fromCode(rs.getString(5)), instant(rs, 6), instant(rs, 7), instant(rs, 8), instant(rs, 9));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }
}
