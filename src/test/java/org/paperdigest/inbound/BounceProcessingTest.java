package org.paperdigest.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.App;
import org.paperdigest.Service;
import org.paperdigest.subscribers.Bounce;
import org.paperdigest.subscribers.BounceStore;
import org.paperdigest.subscribers.EmailAddress;
import org.paperdigest.subscribers.Subscriber;
import org.paperdigest.subscribers.SubscriberStatus;
import org.paperdigest.testing.CliRun;
import org.paperdigest.testing.TestEnv;

/** Real bounce messages in several MTA styles, delivered to a GreenMail IMAP mailbox and read by {@code run}'s poller. */
class BounceProcessingTest {
    private static final List<String> READERS = List.of("ada@example.net", "bob@example.net", "carol@example.net",
            "dan@example.net", "erin@example.net");

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

    @TempDir
    Path dir;

    TestEnv env;
    GreenMailUser mailbox;

    @BeforeEach
    void subscribe_readers() {
        mailbox = greenMail.setUser("bounces@example.org", "bounces", "secret");
        env = TestEnv.sqliteIn(dir).smtpPort(greenMail.getSmtp().getPort())
                .set("DIGEST_BOUNCE_ADDRESS", "bounces@example.org")
                .set("BOUNCE_IMAP_HOST", "127.0.0.1")
                .set("BOUNCE_IMAP_PORT", String.valueOf(greenMail.getImap().getPort()))
                .set("BOUNCE_IMAP_SECURITY", "none")
                .set("BOUNCE_IMAP_USERNAME", "bounces")
                .set("BOUNCE_IMAP_PASSWORD", "secret");
        for (String reader : READERS) {
            assertThat(CliRun.run(env, "subscribers", "add", reader, "--confirmed").exitCode()).isZero();
        }
    }

    @Test
    void bounces_of_five_mta_styles_are_read_from_imap_and_listed_by_issue() throws Exception {
        send();
        try (App app = new App(env.config(), java.time.Clock.systemUTC())) {
            deliver(app, BounceFixtures.POSTFIX_USER_UNKNOWN, "ada@example.net", 1);
            deliver(app, BounceFixtures.GMAIL_ADDRESS_NOT_FOUND, "bob@example.net", 1);
            deliver(app, BounceFixtures.OUTLOOK_RECIPIENT_NOT_FOUND, "carol@example.net", 1);
            deliver(app, BounceFixtures.EXIM_PERMANENT, "dan@example.net", 1);
            deliver(app, BounceFixtures.QMAIL_WITHOUT_VERP, "erin@example.net", 1);
            deliver(app, BounceFixtures.POSTFIX_DELAYED, "ada@example.net", 1);
            deliver(app, BounceFixtures.VACATION, "bob@example.net", 1);

            BounceMailbox.Poll poll = app.bounceMailbox().poll();

            assertThat(poll).as("the delay warning is deleted, the vacation reply left").isEqualTo(new BounceMailbox.Poll(7, 5, 5, 1, 0));
            assertThat(app.bounces().countOfIssue(1)).containsEntry(Bounce.Kind.HARD, 5L).containsEntry(Bounce.Kind.SOFT, 0L);
            assertThat(app.bounces().ofIssue(1, 10)).extracting(BounceStore.Listed::email).containsExactlyInAnyOrderElementsOf(READERS);
            assertThat(app.subscribers().countByStatus()).as("DIGEST_BOUNCE_LIMIT is 1").containsEntry(SubscriberStatus.BOUNCED, 5L);
            MimeMessage[] left = imapMessages();
            assertThat(left).hasSize(1).allSatisfy(m -> assertThat(m.getFlags().contains(Flags.Flag.SEEN)).isTrue());

            deliver(app, BounceFixtures.POSTFIX_USER_UNKNOWN, "ada@example.net", 1);
            assertThat(app.bounceMailbox().poll()).isEqualTo(new BounceMailbox.Poll(1, 1, 0, 0, 0));
            assertThat(app.bounces().countOfIssue(1)).as("the same report counts once").containsEntry(Bounce.Kind.HARD, 5L);
        }

        CliRun show = CliRun.run(env, "issues", "show", "1");
        assertThat(show.out()).contains("bounces      5 hard, 0 soft", "hard 5.1.1  ada@example.net (now bounced)",
                "hard 5.1.10  carol@example.net",
                "550 5.1.1 <dan@example.net>: Recipient address rejected: User unknown");
        assertThat(CliRun.run(env, "issues", "show", "1", "--json").out()).contains("\"hard\" : 5", "\"subscriber_status\" : \"bounced\"");
    }

    @Test
    void hard_bounces_on_limit_issues_in_a_row_mark_the_reader_bounced() {
        env.set("DIGEST_BOUNCE_LIMIT", "2");
        send();
        try (App app = new App(env.config(), java.time.Clock.systemUTC())) {
            assertThat(process(app, BounceFixtures.POSTFIX_USER_UNKNOWN, "ada@example.net", 1)).isEqualTo(BounceStore.Outcome.RECORDED);
        }
        send();
        try (App app = new App(env.config(), java.time.Clock.systemUTC())) {
            assertThat(process(app, BounceFixtures.GMAIL_ADDRESS_NOT_FOUND, "ada@example.net", 2))
                    .isEqualTo(BounceStore.Outcome.SUBSCRIBER_BOUNCED);
            assertThat(reader(app, "ada@example.net").status()).isEqualTo(SubscriberStatus.BOUNCED);
            assertThat(reader(app, "bob@example.net").status()).isEqualTo(SubscriberStatus.ACTIVE);
        }
        CliRun next = CliRun.run(env, "send", "--new");
        assertThat(next.out()).as("a bounced reader gets no more issues").contains("Issue 3 planned: 4 messages");
        assertThat(CliRun.run(env, "issues", "show", "2").out()).contains("ada@example.net (now bounced)");
    }

    @Test
    void soft_bounces_are_counted_and_a_later_clean_issue_resets_the_count() {
        env.set("DIGEST_SOFT_BOUNCE_LIMIT", "2");
        send();
        try (App app = new App(env.config(), java.time.Clock.systemUTC())) {
            assertThat(process(app, BounceFixtures.POSTFIX_MAILBOX_FULL, "bob@example.net", 1)).isEqualTo(BounceStore.Outcome.RECORDED);
            assertThat(app.bounces().run(reader(app, "bob@example.net").id())).isEqualTo(new BounceStore.Run(1, 0));
        }
        send(); // issue 2 reaches bob: nothing comes back
        send();
        try (App app = new App(env.config(), java.time.Clock.systemUTC())) {
            assertThat(process(app, BounceFixtures.POSTFIX_MAILBOX_FULL, "bob@example.net", 3)).isEqualTo(BounceStore.Outcome.RECORDED);
            assertThat(app.bounces().run(reader(app, "bob@example.net").id())).as("issue 2 reset the count").isEqualTo(new BounceStore.Run(1, 0));
        }
        send();
        try (App app = new App(env.config(), java.time.Clock.systemUTC())) {
            assertThat(process(app, BounceFixtures.POSTFIX_MAILBOX_FULL, "bob@example.net", 4))
                    .isEqualTo(BounceStore.Outcome.SUBSCRIBER_BOUNCED);
            assertThat(reader(app, "bob@example.net").status()).isEqualTo(SubscriberStatus.BOUNCED);
        }
    }

    @Test
    void forged_or_unknown_bounces_change_nothing() {
        send();
        try (App app = new App(env.config(), java.time.Clock.systemUTC())) {
            long ada = reader(app, "ada@example.net").id();
            String forged = "bounces+1." + ada + ".0000000000@example.org";
            byte[] raw = BounceFixtures.load(BounceFixtures.POSTFIX_USER_UNKNOWN,
                    new BounceFixtures.Delivery(forged, "ada@example.net", "<someone-else@example.com>", 1));

            assertThat(app.bounceProcessor().process(raw)).isInstanceOf(BounceProcessor.NotCounted.class);

            byte[] testSend = BounceFixtures.load(BounceFixtures.POSTFIX_USER_UNKNOWN,
                    new BounceFixtures.Delivery(app.bounceAddresses().forDelivery(2, ada), "ada@example.net", "<x@example.org>", 2));
            assertThat(app.bounceProcessor().process(testSend)).isInstanceOf(BounceProcessor.NotCounted.class);
            assertThat(app.bounces().countOfIssue(1)).containsEntry(Bounce.Kind.HARD, 0L);
        }
    }

    @Test
    void a_complaint_read_from_imap_opts_the_reader_out_at_once() throws Exception {
        send();
        try (App app = new App(env.config(), java.time.Clock.systemUTC())) {
            deliver(app, "arf-complaint-mailbox-provider.eml", "carol@example.net", 1);

            assertThat(app.bounceMailbox().poll()).isEqualTo(new BounceMailbox.Poll(1, 1, 1, 0, 0));
            assertThat(reader(app, "carol@example.net").status()).as("complained: opted out at once")
                    .isEqualTo(SubscriberStatus.COMPLAINED);
            assertThat(app.bounces().countOfIssue(1)).containsEntry(Bounce.Kind.COMPLAINT, 1L).containsEntry(Bounce.Kind.HARD, 0L);
            assertThat(app.bounces().ofSubscriber(reader(app, "carol@example.net").id(), 10)).singleElement().satisfies(b -> {
                assertThat(b.kind()).isEqualTo(Bounce.Kind.COMPLAINT);
                assertThat(b.issue()).isEqualTo(1);
                assertThat(b.source()).isEqualTo("arf");
                assertThat(b.diagnostic()).contains("reported the digest as spam");
            });
            assertThat(imapMessages()).isEmpty();
        }
        assertThat(CliRun.run(env, "issues", "show", "1").out()).contains("0 hard, 0 soft, 1 complaints");
    }

    @Test
    void a_complaint_that_hides_the_recipient_is_matched_by_the_signed_message_id() {
        send();
        try (App app = new App(env.config(), java.time.Clock.systemUTC())) {
            BounceProcessor.Result r = app.bounceProcessor().process(BounceFixtures.load("arf-complaint-redacted-recipient.eml",
                    delivery(app, "dan@example.net", 1)));

            assertThat(r).isInstanceOf(BounceProcessor.Recorded.class);
            assertThat(((BounceProcessor.Recorded) r).outcome()).isEqualTo(BounceStore.Outcome.SUBSCRIBER_COMPLAINED);
            assertThat(reader(app, "dan@example.net").status()).isEqualTo(SubscriberStatus.COMPLAINED);
        }
    }

    @Test
    void delay_warnings_never_count_however_many_come_back() {
        env.set("DIGEST_SOFT_BOUNCE_LIMIT", "2");
        for (int issue = 1; issue <= 3; issue++) {
            send();
            try (App app = new App(env.config(), java.time.Clock.systemUTC())) {
                for (String fixture : List.of("exim-text-delayed.eml", "gmail-text-warning-only.eml", "zoho-text-delayed.eml",
                        BounceFixtures.POSTFIX_DELAYED)) {
                    assertThat(app.bounceProcessor().process(BounceFixtures.load(fixture, delivery(app, "erin@example.net", issue))))
                            .as(fixture).isInstanceOf(BounceProcessor.NotCounted.class);
                }
            }
        }
        try (App app = new App(env.config(), java.time.Clock.systemUTC())) {
            assertThat(reader(app, "erin@example.net").status()).isEqualTo(SubscriberStatus.ACTIVE);
            assertThat(app.bounces().ofSubscriber(reader(app, "erin@example.net").id(), 10)).isEmpty();
        }
    }

    @Test
    void a_full_mailbox_is_soft_even_with_a_5xx_reply() {
        send();
        try (App app = new App(env.config(), java.time.Clock.systemUTC())) {
            assertThat(process(app, "gmail-dsn-mailbox-full.eml", "bob@example.net", 1)).isEqualTo(BounceStore.Outcome.RECORDED);
            assertThat(app.bounces().run(reader(app, "bob@example.net").id())).isEqualTo(new BounceStore.Run(1, 0));
            assertThat(reader(app, "bob@example.net").status()).isEqualTo(SubscriberStatus.ACTIVE);
        }
    }

    @Test
    void a_forged_report_quoting_a_guessed_message_id_records_nothing_and_says_so_at_debug_level() {
        send();
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(BounceProcessor.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged = new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        ch.qos.logback.classic.Level before = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.DEBUG);
        try (App app = new App(env.config(), java.time.Clock.systemUTC())) {
            long ada = reader(app, "ada@example.net").id();
            // What another reader can know: the form of their own Message-ID, ada's address and a guess at her id.
            String guessed = app.bounces().messageIdOf(1, reader(app, "bob@example.net").id()).orElseThrow()
                    .replace("digest.1." + reader(app, "bob@example.net").id() + ".", "digest.1." + ada + ".");
            byte[] forged = BounceFixtures.load(BounceFixtures.QMAIL_WITHOUT_VERP,
                    new BounceFixtures.Delivery("bounces@example.org", "ada@example.net", guessed, 1));

            assertThat(app.bounceProcessor().process(forged)).isInstanceOf(BounceProcessor.NotCounted.class);
            assertThat(app.bounces().ofSubscriber(ada, 10)).isEmpty();
            assertThat(reader(app, "ada@example.net").status()).isEqualTo(SubscriberStatus.ACTIVE);
            assertThat(logged.list).anySatisfy(e -> {
                assertThat(e.getLevel()).isEqualTo(ch.qos.logback.classic.Level.DEBUG);
                assertThat(e.getFormattedMessage()).contains("records nothing", "not about a message we sent");
            });
        } finally {
            logger.setLevel(before);
            logger.detachAppender(logged);
        }
    }

    @Test
    void complaints_and_bounces_are_recorded_on_postgresql_too(@TempDir Path pgDir) {
        TestEnv pg = TestEnv.postgresIn(pgDir).smtpPort(greenMail.getSmtp().getPort())
                .set("DIGEST_BOUNCE_ADDRESS", "bounces@example.org");
        for (String reader : List.of("ada@example.net", "bob@example.net")) {
            assertThat(CliRun.run(pg, "subscribers", "add", reader, "--confirmed").exitCode()).isZero();
        }
        assertThat(CliRun.run(pg, "send", "--new").exitCode()).isZero();
        try (App app = new App(pg.config(), java.time.Clock.systemUTC())) {
            assertThat(process(app, "arf-complaint-mailbox-provider.eml", "ada@example.net", 1))
                    .isEqualTo(BounceStore.Outcome.SUBSCRIBER_COMPLAINED);
            assertThat(process(app, "icloud-dsn-user-unknown.eml", "bob@example.net", 1)).isEqualTo(BounceStore.Outcome.SUBSCRIBER_BOUNCED);
            assertThat(app.bounces().countOfIssue(1)).containsEntry(Bounce.Kind.COMPLAINT, 1L).containsEntry(Bounce.Kind.HARD, 1L);
        }
    }

    @Test
    void run_polls_the_bounce_mailbox_only_when_it_is_configured() {
        try (App app = new App(env.config(), java.time.Clock.systemUTC())) {
            assertThat(app.services()).extracting(Service::name).anySatisfy(n -> assertThat(n).contains("bounce mailbox every"));
        }
        try (App app = new App(env.unset("BOUNCE_IMAP_HOST").config(), java.time.Clock.systemUTC())) {
            assertThat(app.services()).extracting(Service::name).noneSatisfy(n -> assertThat(n).contains("bounce mailbox"));
        }
    }

    private void send() {
        CliRun send = CliRun.run(env, "send", "--new");
        assertThat(send.exitCode()).as(send.err()).isZero();
    }

    private BounceStore.Outcome process(App app, String fixture, String email, int issue) {
        BounceProcessor.Result r = app.bounceProcessor().process(BounceFixtures.load(fixture, delivery(app, email, issue)));
        assertThat(r).as(fixture).isInstanceOf(BounceProcessor.Recorded.class);
        return ((BounceProcessor.Recorded) r).outcome();
    }

    private void deliver(App app, String fixture, String email, int issue) throws Exception {
        byte[] raw = BounceFixtures.load(fixture, delivery(app, email, issue));
        mailbox.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
    }

    private static BounceFixtures.Delivery delivery(App app, String email, int issue) {
        Subscriber s = reader(app, email);
        String messageId = app.bounces().messageIdOf(issue, s.id()).orElseThrow(() -> new AssertionError(email + " got no issue " + issue));
        return new BounceFixtures.Delivery(app.bounceAddresses().forDelivery(issue, s.id()), email, messageId, issue);
    }

    private static Subscriber reader(App app, String email) {
        return app.subscribers().find(EmailAddress.parse(email)).orElseThrow();
    }

    private MimeMessage[] imapMessages() throws Exception {
        Properties p = new Properties();
        Session session = Session.getInstance(p);
        try (var store = session.getStore("imap")) {
            store.connect("127.0.0.1", greenMail.getImap().getPort(), "bounces", "secret");
            var inbox = store.getFolder("INBOX");
            inbox.open(jakarta.mail.Folder.READ_ONLY);
            MimeMessage[] out = new MimeMessage[inbox.getMessageCount()];
            for (int i = 0; i < out.length; i++) {
                out[i] = new MimeMessage((MimeMessage) inbox.getMessage(i + 1));
                out[i].setFlags(inbox.getMessage(i + 1).getFlags(), true);
            }
            inbox.close(false);
            return out;
        }
    }
}
