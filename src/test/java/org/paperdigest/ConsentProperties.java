package org.paperdigest;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.paperdigest.membership.Membership;
import org.paperdigest.subscribers.Consent;
import org.paperdigest.subscribers.EmailAddress;
import org.paperdigest.subscribers.Subscriber;
import org.paperdigest.subscribers.SubscriberStatus;
import org.paperdigest.testing.CliRun;
import org.paperdigest.testing.ConsentWorld;
import org.paperdigest.testing.TestEnv;

/**
 * Consent holds over every sequence of events: random sequences of form and email requests,
 * confirmations with any token ever mailed, one-click and email unsubscribes (with and without
 * the signed token), imports of rows in any status, {@code add}, {@code remove}, bounces and
 * complaints run against the real store; after every step nobody whose latest opt-out is later
 * than their latest confirmation is active, and at the end a real {@code send} mails nobody else.
 */
class ConsentProperties {
    private static final List<String> READERS = List.of("ada@example.org", "bob@example.org", "cy@example.org");
    private static final List<String> FILE_STATUSES = List.of("", "active", "pending", "unsubscribed", "bounced", "complained");

    private static GreenMail mail;

    @BeforeContainer
    static void startMail() {
        mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
    }

    @AfterContainer
    static void stopMail() {
        mail.stop();
    }

    @Property(tries = 30)
    void nobody_who_left_after_their_last_confirmation_is_active_or_mailed_on_sqlite(@ForAll("sequences") List<Op> ops)
            throws Exception {
        run("sqlite", ops);
    }

    @Property(tries = 6)
    void nobody_who_left_after_their_last_confirmation_is_active_or_mailed_on_postgresql(@ForAll("sequences") List<Op> ops)
            throws Exception {
        if (TestEnv.postgresUrl() == null) {
            return;
        }
        run("postgresql", ops);
    }

    // ---- operations ----------------------------------------------------------------------------

    sealed interface Op permits FormRequest, EmailRequest, Confirm, OneClick, EmailUnsubscribe, BareUnsubscribe, Import, Add,
            Remove, Bounce, Complaint {}

    record FormRequest(int reader) implements Op {}

    record EmailRequest(int reader) implements Op {}

    /** Confirms with the n-th token ever mailed (modulo how many there are). */
    record Confirm(int token) implements Op {}

    record OneClick(int reader) implements Op {}

    record EmailUnsubscribe(int reader) implements Op {}

    record BareUnsubscribe(int reader) implements Op {}

    record Import(int reader, String status, boolean withName) implements Op {}

    record Add(int reader, boolean confirmed) implements Op {}

    record Remove(int reader) implements Op {}

    record Bounce(int reader) implements Op {}

    record Complaint(int reader) implements Op {}

    @Provide
    Arbitrary<List<Op>> sequences() {
        Arbitrary<Integer> reader = Arbitraries.integers().between(0, READERS.size() - 1);
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, reader.map(FormRequest::new)),
                net.jqwik.api.Tuple.of(2, reader.map(EmailRequest::new)),
                net.jqwik.api.Tuple.of(5, Arbitraries.integers().between(0, 20).map(Confirm::new)),
                net.jqwik.api.Tuple.of(2, reader.map(OneClick::new)),
                net.jqwik.api.Tuple.of(1, reader.map(EmailUnsubscribe::new)),
                net.jqwik.api.Tuple.of(1, reader.map(BareUnsubscribe::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(reader, Arbitraries.of(FILE_STATUSES), Arbitraries.of(true, false))
                        .as(Import::new)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(reader, Arbitraries.of(true, false)).as(Add::new)),
                net.jqwik.api.Tuple.of(1, reader.map(Remove::new)),
                net.jqwik.api.Tuple.of(1, reader.map(Bounce::new)),
                net.jqwik.api.Tuple.of(1, reader.map(Complaint::new)));
        return op.list().ofMinSize(1).ofMaxSize(24);
    }

    // ---- the model -----------------------------------------------------------------------------

    /** A confirmation token as mailed: to whom and at which step. */
    private record Issued(String email, String token, int step) {}

    /** What the test itself knows happened: the last opt-out and the last confirmation of each address, by step. */
    private static final class Model {
        final Map<String, Integer> lastOptOut = new HashMap<>();
        final Map<String, Integer> lastConfirmation = new HashMap<>();
        final List<Issued> tokens = new ArrayList<>();
        final Set<String> removed = new HashSet<>();

        boolean mayBeActive(String email) {
            return lastConfirmation.getOrDefault(email, -1) > lastOptOut.getOrDefault(email, -1);
        }

        int latestTokenStep(String email) {
            return tokens.stream().filter(t -> t.email().equals(email)).mapToInt(Issued::step).max().orElse(-1);
        }
    }

    private void run(String database, List<Op> ops) throws Exception {
        mail.purgeEmailFromAllMailboxes();
        Path dir = Files.createTempDirectory("consent-property");
        try (ConsentWorld w = ConsentWorld.on(database, dir, mail)) {
            Model m = new Model();
            for (int step = 0; step < ops.size(); step++) {
                apply(w, m, ops.get(step), step);
                for (String email : READERS) {
                    Optional<Subscriber> s = w.find(email);
                    if (s.isPresent() && s.get().status() == SubscriberStatus.ACTIVE) {
                        assertThat(m.mayBeActive(email))
                                .as("after step %d (%s) %s is active though they left after their last confirmation", step,
                                        ops.get(step), email)
                                .isTrue();
                    }
                }
            }
            mail.purgeEmailFromAllMailboxes();
            CliRun send = CliRun.run(w.env, w.clock, "send");
            assertThat(send.exitCode()).as(send.err()).isZero();
            for (MimeMessage digest : mail.getReceivedMessages()) {
                String to = recipient(digest);
                assertThat(m.mayBeActive(to)).as("send mailed %s, who left after their last confirmation", to).isTrue();
            }
        } finally {
            delete(dir);
        }
    }

    private static void apply(ConsentWorld w, Model m, Op op, int step) {
        Consent consent = w.app.consent();
        if (op instanceof FormRequest r) {
            w.formRequest(READERS.get(r.reader()), "Reader " + step, List.of())
                    .ifPresent(t -> m.tokens.add(new Issued(READERS.get(r.reader()), t, step)));
        } else if (op instanceof EmailRequest r) {
            w.emailRequest(READERS.get(r.reader())).ifPresent(t -> m.tokens.add(new Issued(READERS.get(r.reader()), t, step)));
        } else if (op instanceof Confirm c) {
            if (m.tokens.isEmpty()) {
                return;
            }
            Issued t = m.tokens.get(c.token() % m.tokens.size());
            if (w.confirm(t.token()) instanceof Membership.Activated) {
                assertThat(t.step()).as("a token mailed before the latest opt-out of %s activated them", t.email())
                        .isGreaterThan(m.lastOptOut.getOrDefault(t.email(), -1));
                assertThat(t.step()).as("an older token of %s activated them", t.email()).isEqualTo(m.latestTokenStep(t.email()));
                m.lastConfirmation.put(t.email(), step);
                m.removed.remove(t.email());
            }
        } else if (op instanceof OneClick r) {
            optOutIfThere(w, m, r.reader(), step, () -> w.oneClickUnsubscribe(READERS.get(r.reader())));
        } else if (op instanceof EmailUnsubscribe r) {
            optOutIfThere(w, m, r.reader(), step, () -> w.emailUnsubscribeWithToken(READERS.get(r.reader())));
        } else if (op instanceof BareUnsubscribe r) {
            String email = READERS.get(r.reader());
            Optional<SubscriberStatus> before = w.find(email).map(Subscriber::status);
            w.emailUnsubscribeBare(email);
            assertThat(w.find(email).map(Subscriber::status)).as("a bare unsubscribe changes nothing").isEqualTo(before);
        } else if (op instanceof Import r) {
            importRow(w, m, r, step);
        } else if (op instanceof Add r) {
            String email = READERS.get(r.reader());
            boolean wasThere = w.find(email).isPresent();
            consent.add(EmailAddress.parse(email), null, null, r.confirmed(), Consent.Source.CLI);
            arrived(w, m, email, wasThere, step);
        } else if (op instanceof Remove r) {
            String email = READERS.get(r.reader());
            consent.remove(EmailAddress.parse(email), null);
            m.lastOptOut.put(email, step);
            m.removed.add(email);
        } else if (op instanceof Bounce r) {
            optOutIfThere(w, m, r.reader(), step, () -> w.find(READERS.get(r.reader()))
                    .ifPresent(s -> consent.bounced(s.id(), Consent.Source.BOUNCE, "property test")));
        } else if (op instanceof Complaint r) {
            optOutIfThere(w, m, r.reader(), step, () -> w.find(READERS.get(r.reader()))
                    .ifPresent(s -> consent.complained(s.id(), "property test")));
        }
    }

    private static void importRow(ConsentWorld w, Model m, Import r, int step) {
        String email = READERS.get(r.reader());
        boolean wasThere = w.find(email).isPresent();
        w.importCsv("email,name,status\n" + email + "," + (r.withName() ? "Imported" : "") + "," + r.status() + "\n");
        boolean optOut = r.status().equals("unsubscribed") || r.status().equals("bounced") || r.status().equals("complained");
        if (optOut) {
            if (wasThere || !m.removed.contains(email)) {
                m.lastOptOut.put(email, step);
            }
        } else {
            arrived(w, m, email, wasThere, step);
        }
    }

    /** An operator's add or import of an address: only a new, never-removed one may arrive active (opted in elsewhere). */
    private static void arrived(ConsentWorld w, Model m, String email, boolean wasThere, int step) {
        Optional<Subscriber> now = w.find(email);
        if (m.removed.contains(email) && !wasThere) {
            assertThat(now).as("%s was removed and must stay off the list", email).isEmpty();
            return;
        }
        if (!wasThere && now.isPresent() && now.get().status() == SubscriberStatus.ACTIVE) {
            assertThat(m.lastOptOut).as("an address that opted out before arrived active").doesNotContainKey(email);
            m.lastConfirmation.put(email, step);
        }
    }

    private static void optOutIfThere(ConsentWorld w, Model m, int reader, int step, Runnable action) {
        String email = READERS.get(reader);
        if (w.find(email).isPresent()) {
            action.run();
            m.lastOptOut.put(email, step);
        }
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getRecipients(Message.RecipientType.TO)[0].toString().replaceAll(".*<|>.*", "").toLowerCase(java.util.Locale.ROOT);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
