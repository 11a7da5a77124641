package org.paperdigest.subscribers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.paperdigest.App;
import org.paperdigest.testing.TestEnv;

/**
 * Over every sequence of issues (each delivered, soft-bounced, hard-bounced, or only delayed),
 * against the real store: a reader is {@code bounced} exactly when some run of bounced issues in a
 * row with no delivery in between held DIGEST_BOUNCE_LIMIT hard bounces or DIGEST_SOFT_BOUNCE_LIMIT
 * bounced issues; a delay warning is never recorded, so it counts as the delivery it becomes.
 */
class BounceCountPropertyTest {
    enum Outcome { DELIVERED, DELAYED, SOFT, HARD }

    private static Path dir;
    private static App app;
    private static final AtomicInteger ISSUES = new AtomicInteger();
    private static final AtomicInteger READERS = new AtomicInteger();

    @BeforeContainer
    static void open() throws IOException {
        dir = Files.createTempDirectory("bounce-count");
        app = new App(TestEnv.sqliteIn(dir).config(), Clock.systemUTC());
    }

    @AfterContainer
    static void close() {
        app.close();
    }

    @Property(tries = 80)
    void a_reader_is_bounced_exactly_when_a_run_reaches_a_limit(@ForAll @Size(max = 12) List<Outcome> issues,
                                                                @ForAll @IntRange(min = 1, max = 3) int hardLimit,
                                                                @ForAll @IntRange(min = 0, max = 4) int softLimit) {
        BounceStore store = new BounceStore(app.database(), Clock.systemUTC(), app.consent(), hardLimit, softLimit);
        EmailAddress email = EmailAddress.parse("reader" + READERS.incrementAndGet() + "@example.net");
        app.consent().add(email, null, List.of(), true, Consent.Source.CLI);
        long id = app.subscribers().find(email).orElseThrow().id();
        int run = 0;
        int hard = 0;
        boolean bounced = false;
        for (Outcome o : issues) {
            int issue = sent(id);
            if (o == Outcome.SOFT || o == Outcome.HARD) {
                store.record(new Bounce(id, issue, o == Outcome.HARD ? Bounce.Kind.HARD : Bounce.Kind.SOFT, null, "test",
                        email.toString(), "test", "r-" + issue + "-" + id));
                run++;
                hard += o == Outcome.HARD ? 1 : 0;
            } else {
                run = 0;
                hard = 0;
            }
            bounced |= hard >= hardLimit || (softLimit > 0 && run >= softLimit);
            assertThat(app.subscribers().find(id).orElseThrow().status()).as("after %s, limits hard %d soft %d", issues, hardLimit, softLimit)
                    .isEqualTo(bounced ? SubscriberStatus.BOUNCED : SubscriberStatus.ACTIVE);
        }
    }

    /** Records a new issue sent to the reader; returns its number. */
    private static int sent(long subscriberId) {
        int issue = ISSUES.incrementAndGet();
        app.database().withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO issues (number, kind, status, papers_per_issue, created_at)"
                    + " VALUES (?, 'manual', 'done', 3, 0)")) {
                ps.setInt(1, issue);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO deliveries (issue_number, subscriber_id, papers, status,"
                    + " message_id, updated_at) VALUES (?, ?, 'p', 'sent', ?, 0)")) {
                ps.setInt(1, issue);
                ps.setLong(2, subscriberId);
                ps.setString(3, "<m" + issue + "@example.org>");
                return ps.executeUpdate();
            }
        });
        return issue;
    }
}
