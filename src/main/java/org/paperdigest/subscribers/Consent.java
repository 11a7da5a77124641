package org.paperdigest.subscribers;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.paperdigest.config.BadInputException;
import org.paperdigest.db.Database;
import org.paperdigest.db.SqlStatements;

/**
 * The one place where a subscriber's status changes: a small state machine with a history.
 *
 * <pre>
 *   (new) ──request──▶ pending ──own confirmation of that request──▶ active
 *   pending | active ──reader, operator, import──▶ unsubscribed
 *   pending | active ──bounce processor──▶ bounced
 *   any but complained ──complaint (spam report)──▶ complained
 *   unsubscribed | bounced | complained ──fresh request, then its confirmation──▶ active
 * </pre>
 *
 * A subscribe request never changes the status or the profile: it is kept with the row (name,
 * topics, a random nonce its confirmation link is bound to) and applied only when that link is
 * confirmed. Every opt-out cancels the open request, so a link mailed before it confirms nothing.
 * Imports and {@code add} create readers but never bring back one who left, and never confirm a
 * pending one. Removed addresses stay on a suppression list as an HMAC (DIGEST_SECRET) of the
 * lower-cased address until a fresh double opt-in or {@link #forget}. Every change writes a
 * history row: when, from what to what, and who or what caused it ({@link Source}).
 */
public final class Consent {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder NONCE = Base64.getUrlEncoder().withoutPadding();
    private static final int ATTEMPTS = 3;

    /** Who or what caused a change. */
    public enum Source {
        WEB, EMAIL, IMPORT, CLI, BOUNCE, COMPLAINT;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One change as {@code subscribers show} lists it; {@code from} is null when the row was created. */
    public record HistoryEntry(Instant at, String from, String to, String source, String detail) {}

    /** An open (or the last confirmed) subscribe request; {@code name}/{@code topics} null when it did not say. */
    public record OpenRequest(Instant at, String source, String name, List<String> topics, String nonce) {}

    /** A suppression entry: why and since when a removed address is kept off the list. */
    public record Suppression(String reason, Instant at) {}

    /** What confirming a request did. */
    public sealed interface Confirmation permits Activated, AlreadyActive, Stale, Unknown {}

    /** The reader is active now (and their request's name and topics applied). */
    public record Activated(Subscriber subscriber) implements Confirmation {}

    /** The request was confirmed before and the reader is still active: nothing changed. */
    public record AlreadyActive(Subscriber subscriber) implements Confirmation {}

    /** The link belongs to a request that was replaced or cancelled (by an opt-out): it confirms nothing. */
    public record Stale(Subscriber subscriber) implements Confirmation {}

    /** Nobody has that id (any more). */
    public record Unknown() implements Confirmation {}

    /** What {@link #add} did; {@code reason} says why a row was skipped. */
    public sealed interface Added permits Created, Updated, Unchanged, Skipped {}

    public record Created(Subscriber subscriber) implements Added {}

    public record Updated(Subscriber subscriber) implements Added {}

    public record Unchanged(Subscriber subscriber) implements Added {}

    public record Skipped(String reason) implements Added {}

    /**
     * A new reader brought by the operator (add, import), with the times an export carries; null
     * times default to now where the status needs one.
     */
    public record Arrival(EmailAddress email, String name, List<String> topics, SubscriberStatus status, String source,
                          Instant createdAt, Instant confirmedAt, Instant unsubscribedAt, Instant bouncedAt) {
        public Arrival {
            topics = List.copyOf(topics);
        }
    }

    private final Database db;
    private final SubscriberStore store;
    private final Clock clock;
    private final Supplier<String> secret;
    private final ImportLedger ledger;
    private volatile SecretMac mac;
    private final String insert;
    private final String setStatus;
    private final String confirmRequest;
    private final String findRequest;
    private final String recordRequest;
    private final String cancelRequest;
    private final String addHistory;
    private final String historyOf;
    private final String deleteSubscriber;
    private final String suppress;
    private final String findSuppression;
    private final String unsuppress;
    private final String countSuppressions;

    /**
     * {@code secret} gives DIGEST_SECRET (null or blank when not set) when the suppression list is
     * first used. Without it the list can be read only while it is empty, and not written.
     */
    public Consent(Database db, SubscriberStore store, Clock clock, Supplier<String> secret) {
        this.db = db;
        this.store = store;
        this.clock = clock;
        this.secret = secret;
        SqlStatements sql = db.statements("consent.sql");
        insert = sql.get("insert");
        setStatus = sql.get("set-status");
        confirmRequest = sql.get("confirm-request");
        findRequest = sql.get("find-request");
        recordRequest = sql.get("record-request");
        cancelRequest = sql.get("cancel-request");
        addHistory = sql.get("add-history");
        historyOf = sql.get("history-of");
        deleteSubscriber = sql.get("delete-subscriber");
        suppress = sql.get("suppress");
        findSuppression = sql.get("find-suppression");
        unsuppress = sql.get("unsuppress");
        countSuppressions = sql.get("count-suppressions");
        ledger = new ImportLedger(db.statements("imports.sql"), clock);
    }

    // ---- joining -------------------------------------------------------------------------------

    /**
     * Finds the subscriber a subscribe request is for, or creates them pending with no profile yet
     * (a suppressed address may ask again: that is the fresh double opt-in). Changes nobody else.
     */
    public Subscriber applicant(EmailAddress email, Source source) {
        return db.inTransaction(c -> {
            Optional<Subscriber> existing = store.find(c, email);
            if (existing.isPresent()) {
                return existing.get();
            }
            long now = clock.millis();
            insert(c, new Arrival(email, null, List.of(), SubscriberStatus.PENDING, source.code(), null, null, null, null),
                    now, source, "subscribe request");
            return store.find(c, email).orElseThrow();
        });
    }

    /**
     * Records a subscribe request for a reader who is not active, replacing any earlier one, and
     * returns the nonce its confirmation link must carry. {@code name} and {@code topics} (null:
     * not given) are applied only on confirmation; status and profile stay as they are.
     */
    public String request(long id, String name, List<String> topics, Source source) {
        byte[] random = new byte[9];
        RANDOM.nextBytes(random);
        String nonce = NONCE.encodeToString(random);
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(recordRequest)) {
                ps.setString(1, nonce);
                ps.setLong(2, clock.millis());
                setNullable(ps, 3, name);
                setNullable(ps, 4, topics == null ? null : Topics.toColumn(topics));
                ps.setString(5, source.code());
                ps.setLong(6, clock.millis());
                ps.setLong(7, id);
                return ps.executeUpdate();
            }
        });
        return nonce;
    }

    /**
     * Confirms the request bound to {@code nonce}: only the open request of that subscriber
     * activates them (and applies its name and topics, and lifts a suppression); any other nonce
     * is {@link Stale}.
     */
    public Confirmation confirm(long id, String nonce, Source source) {
        return retrying(c -> {
            Optional<Subscriber> found = store.find(c, id);
            if (found.isEmpty()) {
                return new Unknown();
            }
            Subscriber s = found.get();
            Optional<OpenRequest> request = request(c, id);
            if (request.isEmpty() || !request.get().nonce().equals(nonce)) {
                return new Stale(s);
            }
            if (s.status() == SubscriberStatus.ACTIVE) {
                return new AlreadyActive(s);
            }
            long now = clock.millis();
            OpenRequest r = request.get();
            try (PreparedStatement ps = c.prepareStatement(confirmRequest)) {
                ps.setLong(1, now);
                ps.setLong(2, now);
                ps.setLong(3, id);
                ps.setString(4, s.status().code());
                ps.setString(5, nonce);
                if (ps.executeUpdate() != 1) {
                    return null; // the status changed or the request was cancelled meanwhile: look again
                }
            }
            history(c, id, now, s.status(), SubscriberStatus.ACTIVE, source,
                    "confirmed the " + r.source() + " request of " + DateTimeFormatter.ISO_INSTANT.format(r.at()));
            if (r.name() != null || r.topics() != null) {
                store.updateProfile(c, id, r.name() != null ? r.name() : s.name(), r.topics() != null ? r.topics() : s.topics());
            }
            if (suppression(c, EmailAddress.parse(s.email())).isPresent()) {
                try (PreparedStatement ps = c.prepareStatement(unsuppress)) {
                    ps.setString(1, key(EmailAddress.parse(s.email())));
                    ps.executeUpdate();
                }
            }
            return new Activated(store.find(c, id).orElseThrow());
        });
    }

    /** The open (or last confirmed) request of a subscriber, if any. */
    public Optional<OpenRequest> openRequest(long id) {
        return db.withConnection(c -> request(c, id));
    }

    // ---- leaving -------------------------------------------------------------------------------

    /** Unsubscribes a pending or active reader; returns whether their status changed. Cancels any open request. */
    public boolean unsubscribe(long id, Source source, String detail) {
        return optOut(id, SubscriberStatus.UNSUBSCRIBED, source, detail);
    }

    /** Marks a pending or active reader bounced (the bounce processor calls this); returns whether the status changed. */
    public boolean bounced(long id, Source source, String detail) {
        return optOut(id, SubscriberStatus.BOUNCED, source, detail);
    }

    /** Marks a reader complained (a spam report about our mail); returns whether the status changed. */
    public boolean complained(long id, String detail) {
        return optOut(id, SubscriberStatus.COMPLAINED, Source.COMPLAINT, detail);
    }

    private boolean optOut(long id, SubscriberStatus to, Source source, String detail) {
        Boolean changed = retrying(c -> {
            Optional<Subscriber> found = store.find(c, id);
            return found.isEmpty() ? Boolean.FALSE : optOut(c, found.get(), to, source, detail);
        });
        return changed;
    }

    /** Returns null when a concurrent change won the compare-and-set (the caller retries). */
    private Boolean optOut(Connection c, Subscriber s, SubscriberStatus to, Source source, String detail) throws SQLException {
        long now = clock.millis();
        boolean hadRequest = request(c, s.id()).isPresent();
        try (PreparedStatement ps = c.prepareStatement(cancelRequest)) {
            ps.setLong(1, s.id());
            ps.executeUpdate();
        }
        if (mayMove(s.status(), to)) {
            return move(c, s, to, now, source, detail) ? Boolean.TRUE : null;
        }
        if (hadRequest && s.status() != SubscriberStatus.ACTIVE) {
            history(c, s.id(), now, s.status(), s.status(), source, (detail == null ? "" : detail + "; ")
                    + "open subscribe request cancelled");
        }
        return Boolean.FALSE;
    }

    private static boolean mayMove(SubscriberStatus from, SubscriberStatus to) {
        if (to == SubscriberStatus.COMPLAINED) {
            return from != SubscriberStatus.COMPLAINED;
        }
        return from == SubscriberStatus.PENDING || from == SubscriberStatus.ACTIVE;
    }

    // ---- the operator --------------------------------------------------------------------------

    /**
     * Adds a reader as the operator asks ({@code subscribers add}): a new address arrives active
     * ({@code confirmed}) or pending, unless it is suppressed; an existing one gets only the fields
     * given ({@code name} null: keep, "" clear; {@code topics} null: keep) and never changes status:
     * a pending reader confirms themselves, one who left comes back only by a fresh double opt-in.
     */
    public Added add(EmailAddress email, String name, List<String> topics, boolean confirmed, Source source) {
        return db.inTransaction(c -> {
            Optional<Subscriber> existing = store.find(c, email);
            if (existing.isEmpty()) {
                Optional<Suppression> suppressed = suppression(c, email);
                if (suppressed.isPresent()) {
                    return new Skipped(email + " was removed (" + suppressed.get().reason() + ") and is suppressed; "
                            + "only their own subscribe request can bring them back");
                }
                insert(c, new Arrival(email, emptyToNull(name), topics == null ? List.of() : topics,
                        confirmed ? SubscriberStatus.ACTIVE : SubscriberStatus.PENDING, source.code(), null, null, null, null),
                        clock.millis(), source, "added by the operator");
                return new Created(store.find(c, email).orElseThrow());
            }
            Subscriber s = existing.get();
            boolean changed = updateGiven(c, s, name, topics);
            Subscriber now = store.find(c, s.id()).orElseThrow();
            if (s.status().left()) {
                return new Skipped(email + " is " + s.status().code() + "; left as it is"
                        + (changed ? " (name/topics updated)" : "") + ": only their own fresh subscribe request can bring them back");
            }
            if (confirmed && s.status() == SubscriberStatus.PENDING) {
                return new Skipped(email + " is pending; only their own confirmation makes them active"
                        + (changed ? " (name/topics updated)" : ""));
            }
            return changed ? new Updated(now) : new Unchanged(now);
        });
    }

    /** Records an opt-out received elsewhere (phone, letter): {@code subscribers unsubscribe}. */
    public boolean unsubscribeByOperator(EmailAddress email, String reason) {
        Optional<Subscriber> s = store.find(email);
        return s.isPresent() && unsubscribe(s.get().id(), Source.CLI, reason == null ? "recorded by the operator" : reason);
    }

    /**
     * Erases a reader's personal data (row, history, deliveries, bounces) and keeps a suppression
     * entry for the address; returns false when the address is neither on the list nor suppressed.
     */
    public boolean remove(EmailAddress email, String reason) {
        return db.inTransaction(c -> {
            Optional<Subscriber> s = store.find(c, email);
            String why = reason != null ? reason : s.map(x -> "removed while " + x.status().code()).orElse("removed");
            try (PreparedStatement ps = c.prepareStatement(suppress)) {
                ps.setString(1, key(email));
                ps.setString(2, why);
                ps.setLong(3, clock.millis());
                ps.executeUpdate();
            }
            if (s.isEmpty()) {
                return false;
            }
            delete(c, s.get().id());
            return true;
        });
    }

    /** Erases the reader (if still there) and their suppression entry too: the GDPR erasure. Returns whether anything went. */
    public boolean forget(EmailAddress email) {
        return db.inTransaction(c -> {
            Optional<Subscriber> s = store.find(c, email);
            if (s.isPresent()) {
                delete(c, s.get().id());
            }
            try (PreparedStatement ps = c.prepareStatement(unsuppress)) {
                ps.setString(1, key(email));
                return ps.executeUpdate() == 1 || s.isPresent();
            }
        });
    }

    /** The suppression entry of an address, if it was removed. */
    public Optional<Suppression> suppression(EmailAddress email) {
        return db.withConnection(c -> suppression(c, email));
    }

    /** A subscriber's history, oldest first. */
    public List<HistoryEntry> history(long id) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(historyOf)) {
                ps.setLong(1, id);
                List<HistoryEntry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new HistoryEntry(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5)));
                    }
                }
                return out;
            }
        });
    }

    // ---- imports -------------------------------------------------------------------------------

    /** Runs import work in one transaction (a batch of rows at a time). */
    public <T> T batch(BatchWork<T> work) {
        return db.inTransaction(c -> work.run(new Batch(c)));
    }

    /** Runs import work in one transaction that is always rolled back: a dry run sees its own writes, and leaves none. */
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

    /** What an import may do, inside {@link #batch}: the same rules as everywhere else. */
    public final class Batch {
        private final Connection c;

        private Batch(Connection c) {
            this.c = c;
        }

        public Optional<Subscriber> find(EmailAddress email) throws SQLException {
            return store.find(c, email);
        }

        public Optional<Suppression> suppression(EmailAddress email) throws SQLException {
            return Consent.this.suppression(c, email);
        }

        /** Adds a new reader as the file describes them (the caller checked that they are new and not suppressed). */
        public void arrive(Arrival arrival, String detail) throws SQLException {
            insert(c, arrival, clock.millis(), Source.IMPORT, detail);
        }

        /** Updates the fields given (null: keep; name "" clears); returns whether anything changed. */
        public boolean updateGiven(Subscriber s, String name, List<String> topics) throws SQLException {
            return Consent.this.updateGiven(c, s, name, topics);
        }

        /** Starts an import whose accepted addresses are remembered (see {@link #claim}); returns its id. */
        public String openImport() throws SQLException {
            return ledger.open(c);
        }

        /** Records that {@code line} of import {@code run} has {@code email}; returns the earlier line that had it, if any. */
        public java.util.OptionalLong claim(String run, EmailAddress email, long line) throws SQLException {
            return ledger.claim(c, run, email, line);
        }

        /** Forgets what import {@code run} remembered. */
        public void closeImport(String run) throws SQLException {
            ledger.close(c, run);
        }

        /** Applies an opt-out the file carries (unsubscribed, bounced, complained); returns whether the status changed. */
        public boolean optOut(Subscriber s, SubscriberStatus to, String detail) throws SQLException {
            if (!to.left()) {
                throw new IllegalArgumentException(to.code() + " is not an opt-out");
            }
            Subscriber current = store.find(c, s.id()).orElseThrow();
            return Boolean.TRUE.equals(Consent.this.optOut(c, current, to, Source.IMPORT, detail));
        }
    }

    // ---- the machinery -------------------------------------------------------------------------

    private boolean updateGiven(Connection c, Subscriber s, String name, List<String> topics) throws SQLException {
        String newName = name == null ? s.name() : emptyToNull(name);
        List<String> newTopics = topics == null ? s.topics() : topics;
        if (java.util.Objects.equals(newName, s.name()) && newTopics.equals(s.topics())) {
            return false;
        }
        store.updateProfile(c, s.id(), newName, newTopics);
        return true;
    }

    private void insert(Connection c, Arrival a, long now, Source source, String detail) throws SQLException {
        SubscriberStatus st = a.status();
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            ps.setString(1, a.email().value());
            ps.setString(2, a.email().key());
            setNullable(ps, 3, a.name());
            ps.setString(4, Topics.toColumn(a.topics()));
            ps.setString(5, st.code());
            ps.setString(6, a.source());
            ps.setLong(7, a.createdAt() != null ? a.createdAt().toEpochMilli() : now);
            ps.setLong(8, now);
            setTime(ps, 9, a.confirmedAt(), st == SubscriberStatus.ACTIVE, now);
            setTime(ps, 10, a.unsubscribedAt(), st == SubscriberStatus.UNSUBSCRIBED || st == SubscriberStatus.COMPLAINED, now);
            setTime(ps, 11, a.bouncedAt(), st == SubscriberStatus.BOUNCED, now);
            ps.executeUpdate();
        }
        long id = store.find(c, a.email()).orElseThrow().id();
        history(c, id, now, null, st, source, detail);
    }

    /** Compare-and-set from {@code s.status()} to {@code to}, with the time of the new status and a history row. */
    private boolean move(Connection c, Subscriber s, SubscriberStatus to, long now, Source source, String detail)
            throws SQLException {
        Long confirmed = millis(s.confirmedAt());
        Long unsubscribed = millis(s.unsubscribedAt());
        Long bounced = millis(s.bouncedAt());
        switch (to) {
            case ACTIVE -> confirmed = now;
            case UNSUBSCRIBED, COMPLAINED -> unsubscribed = now;
            case BOUNCED -> bounced = now;
            case PENDING -> { }
        }
        try (PreparedStatement ps = c.prepareStatement(setStatus)) {
            ps.setString(1, to.code());
            setNullable(ps, 2, confirmed);
            setNullable(ps, 3, unsubscribed);
            setNullable(ps, 4, bounced);
            ps.setLong(5, now);
            ps.setLong(6, s.id());
            ps.setString(7, s.status().code());
            if (ps.executeUpdate() != 1) {
                return false;
            }
        }
        history(c, s.id(), now, s.status(), to, source, detail);
        return true;
    }

    private void history(Connection c, long id, long at, SubscriberStatus from, SubscriberStatus to, Source source, String detail)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(addHistory)) {
            ps.setLong(1, id);
            ps.setLong(2, at);
            setNullable(ps, 3, from == null ? null : from.code());
            ps.setString(4, to.code());
            ps.setString(5, source.code());
            setNullable(ps, 6, detail == null ? null : detail.length() > 500 ? detail.substring(0, 500) : detail);
            ps.executeUpdate();
        }
    }

    private Optional<OpenRequest> request(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(findRequest)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) {
                    return Optional.empty();
                }
                String topics = rs.getString(4);
                return Optional.of(new OpenRequest(Instant.ofEpochMilli(rs.getLong(2)), rs.getString(5), rs.getString(3),
                        topics == null ? null : Topics.fromColumn(topics), rs.getString(1)));
            }
        }
    }

    private Optional<Suppression> suppression(Connection c, EmailAddress email) throws SQLException {
        if (mac() == null && noSuppressions(c)) {
            return Optional.empty(); // nothing was ever suppressed here, so no key is needed to say so
        }
        try (PreparedStatement ps = c.prepareStatement(findSuppression)) {
            ps.setString(1, key(email));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Suppression(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2))))
                        : Optional.empty();
            }
        }
    }

    private void delete(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(deleteSubscriber)) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    /** The keyed hash a suppression entry is stored under: nobody can read the addresses back from the table. */
    private String key(EmailAddress email) {
        SecretMac m = mac();
        if (m == null) {
            throw new BadInputException("DIGEST_SECRET is not set: the suppression list of removed addresses is keyed with it;"
                    + " set it to a long random string, e.g. `openssl rand -hex 32`");
        }
        return HexFormat.of().formatHex(m.of("suppress|" + URLEncoder.encode(email.key(), StandardCharsets.UTF_8), 32));
    }

    private SecretMac mac() {
        SecretMac m = mac;
        if (m == null) {
            String s = secret.get();
            if (s == null || s.isBlank()) {
                return null;
            }
            m = new SecretMac(s);
            mac = m;
        }
        return m;
    }

    private boolean noSuppressions(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(countSuppressions); ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getLong(1) == 0;
        }
    }

    /** Runs a transaction again when a concurrent change won a compare-and-set (the work returned null). */
    private <T> T retrying(Database.Work<T> work) {
        for (int i = 1; ; i++) {
            T result = db.inTransaction(work);
            if (result != null) {
                return result;
            }
            if (i == ATTEMPTS) {
                throw new IllegalStateException("A subscriber's status kept changing under a consent change; gave up after "
                        + ATTEMPTS + " attempts");
            }
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }

    private static void setTime(PreparedStatement ps, int index, Instant given, boolean defaultNow, long now) throws SQLException {
        if (given != null) {
            ps.setLong(index, given.toEpochMilli());
        } else if (defaultNow) {
            ps.setLong(index, now);
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

    private static void setNullable(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }
}
