package org.paperdigest.membership;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.paperdigest.db.Database;
import org.paperdigest.db.SqlStatements;
import org.paperdigest.subscribers.EmailAddress;

/**
 * Decides whether a request (web form or email command) may cause a mail to an address:
 * at most {@link #GAPS}{@code .size()} request mails (confirmation or "already subscribed") per
 * address a day, each further one waiting longer (10 minutes, then 1 hour, then 24 hours), keyed
 * on the address with its {@code +tag} removed and case folded; and, only for a mail the address
 * may have, one token of the instance's hourly budget, which the web form and the request mailbox
 * share. The per-address state lives in the database ({@code request_mail}) and changes by
 * compare-and-set, so it holds across instances and restarts.
 */
public final class AddressLimit {
    /** The wait after the 1st, 2nd and 3rd request mail to one address; after the 3rd the run starts again. */
    public static final List<Duration> GAPS = List.of(Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofDays(1));
    /** The shortest wait between two request mails to one address (what the check-your-inbox page mentions). */
    public static final Duration WINDOW = GAPS.get(0);
    private static final Duration RUN = Duration.ofDays(1);
    private static final int RACE_ATTEMPTS = 5;

    /** A mail slot taken for {@code key}: the state before and after, so it can be given back. */
    public record Slot(String key, int countBefore, long lastBefore, int count, long at) {}

    private final Database db;
    private final Clock clock;
    private final RequestLimit budget;
    private final String state;
    private final String first;
    private final String next;
    private final String undoFirst;

    /** {@code budget} is the instance's request mails for everyone together (see {@link #budget}). */
    public AddressLimit(Database db, Clock clock, RequestLimit budget) {
        this.db = db;
        this.clock = clock;
        this.budget = budget;
        SqlStatements sql = db.statements("membership.sql");
        this.state = sql.get("request-mail-state");
        this.first = sql.get("first-request-mail");
        this.next = sql.get("next-request-mail");
        this.undoFirst = sql.get("undo-first-request-mail");
    }

    /** The instance-wide budget of request mails: {@code perHour} an hour, for the web form and the mailbox together. */
    public static RequestLimit budget(Clock clock, int perHour) {
        return new RequestLimit(clock, 1, List.of(new RequestLimit.Rule(perHour, Duration.ofHours(1))));
    }

    /** The key an address is limited under: lower case, without a {@code +tag} in its local part. */
    public static String key(EmailAddress email) {
        String lower = email.value().toLowerCase(Locale.ROOT);
        int at = lower.lastIndexOf('@');
        int plus = lower.indexOf('+');
        return plus > 0 && plus < at ? lower.substring(0, plus) + lower.substring(at) : lower;
    }

    /**
     * Takes a mail slot for {@code email}: empty when the address has had its mails for now, or
     * when the instance's budget is spent (then the address's slot is given back at once).
     */
    public Optional<Slot> claim(EmailAddress email) {
        String key = key(email);
        for (int attempt = 0; attempt < RACE_ATTEMPTS; attempt++) {
            Optional<Optional<Slot>> outcome = tryClaim(key, clock.millis());
            if (outcome.isPresent()) {
                Optional<Slot> slot = outcome.get();
                if (slot.isPresent() && !budget.tryAcquire("*").allowed()) {
                    release(slot.get());
                    return Optional.empty();
                }
                return slot;
            }
        }
        // Other instances kept winning the compare-and-set for this address: they are mailing it.
        return Optional.empty();
    }

    /** Gives back a slot (the mail could not be sent), unless the address's state has moved on since. */
    public void release(Slot slot) {
        db.withConnection(c -> {
            if (slot.countBefore() == 0) {
                try (PreparedStatement ps = c.prepareStatement(undoFirst)) {
                    ps.setString(1, slot.key());
                    ps.setLong(2, slot.at());
                    return ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement(next)) {
                ps.setInt(1, slot.countBefore());
                ps.setLong(2, slot.lastBefore());
                ps.setString(3, slot.key());
                ps.setInt(4, slot.count());
                ps.setLong(5, slot.at());
                return ps.executeUpdate();
            }
        });
    }

    /** A slot, no slot (present but empty), or a lost race (empty): try again. */
    private Optional<Optional<Slot>> tryClaim(String key, long now) {
        Optional<long[]> current = read(key);
        if (current.isEmpty()) {
            int inserted = db.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement(first)) {
                    ps.setString(1, key);
                    ps.setLong(2, now);
                    return ps.executeUpdate();
                }
            });
            return inserted == 1 ? Optional.of(Optional.of(new Slot(key, 0, 0, 1, now))) : Optional.empty();
        }
        int count = (int) current.get()[0];
        long last = current.get()[1];
        if (nextAt(count, last, now) > now) {
            return Optional.of(Optional.empty());
        }
        int runSoFar = now - last >= RUN.toMillis() ? 0 : count;
        int updated = db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(next)) {
                ps.setInt(1, runSoFar + 1);
                ps.setLong(2, now);
                ps.setString(3, key);
                ps.setInt(4, count);
                ps.setLong(5, last);
                return ps.executeUpdate();
            }
        });
        return updated == 1 ? Optional.of(Optional.of(new Slot(key, count, last, runSoFar + 1, now))) : Optional.empty();
    }

    /** When the mail after {@code count} mails in a run, the last at {@code last}, may go. */
    private static long nextAt(long count, long last, long now) {
        if (now - last >= RUN.toMillis() || count < 1) {
            return now;
        }
        return last + GAPS.get((int) Math.min(count, GAPS.size()) - 1).toMillis();
    }

    private Optional<long[]> read(String key) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(state)) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new long[] {rs.getLong(1), rs.getLong(2)}) : Optional.<long[]>empty();
                }
            }
        });
    }
}
