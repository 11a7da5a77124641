package org.paperdigest.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.paperdigest.App;
import org.paperdigest.subscribers.Consent;
import org.paperdigest.subscribers.EmailAddress;
import org.paperdigest.subscribers.Subscriber;
import org.paperdigest.subscribers.SubscriberStatus;
import org.paperdigest.testing.Mails;
import org.paperdigest.testing.TestClock;

/** Email commands end to end: messages land in the IMAP mailbox, the poll handles them, answers go out over SMTP. */
class MailCommandsTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

    @TempDir
    Path dir;

    RequestMailbox mailbox;
    App app;

    @BeforeEach
    void start() {
        mailbox = RequestMailbox.in(greenMail);
        app = new App(RequestMailbox.env(dir, greenMail).config(), TestClock.at("2026-07-01T10:00:00Z"));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private int poll() {
        return app.inboundPoller().orElseThrow().pollOnce();
    }

    private List<MimeMessage> mailTo(String reader, int total) {
        greenMail.waitForIncomingEmail(5_000, total);
        return Mails.to(greenMail.getReceivedMessages(), reader);
    }

    private Subscriber subscriber(String email) {
        return app.subscribers().find(EmailAddress.parse(email)).orElseThrow();
    }

    @Test
    void subscribe_in_the_subject_makes_a_pending_subscriber_and_sends_the_confirmation() throws Exception {
        mailbox.send("Ada <ada@example.org>", "subscribe", "");

        assertThat(poll()).isEqualTo(1);

        assertThat(subscriber("ada@example.org").status()).isEqualTo(SubscriberStatus.PENDING);
        MimeMessage confirmation = mailTo("ada@example.org", 1).get(0);
        assertThat(Mails.subject(confirmation)).startsWith("Confirm your subscription to Paper Digest [confirm ");
        assertThat(Mails.header(confirmation, "Reply-To")).isEqualTo(RequestMailbox.ADDRESS);
        assertThat(Mails.header(confirmation, "Auto-Submitted")).isEqualTo("auto-replied");
        assertThat(Mails.header(confirmation, "In-Reply-To")).endsWith("@reader.example>");
        assertThat(Mails.text(confirmation)).contains("Or just reply to this email and send it");
    }

    @Test
    void replying_to_the_confirmation_confirms_and_welcomes() throws Exception {
        mailbox.send("ada@example.org", "Subscribe", "");
        poll();
        MimeMessage confirmation = mailTo("ada@example.org", 1).get(0);

        MimeMessage reply = mailbox.message("ada@example.org", "Re: " + Mails.subject(confirmation),
                "\n\nOn Wed, Paper Digest wrote:\n> Someone, hopefully you, asked...");
        reply.setHeader("In-Reply-To", Mails.header(confirmation, "Message-ID"));
        mailbox.deliver(reply);
        poll();

        assertThat(subscriber("ada@example.org").status()).isEqualTo(SubscriberStatus.ACTIVE);
        MimeMessage welcome = mailTo("ada@example.org", 2).get(1);
        assertThat(Mails.subject(welcome)).isEqualTo("Welcome to Paper Digest");
    }

    @Test
    void a_reply_that_lost_the_subject_confirms_by_the_link_quoted_in_its_body() throws Exception {
        mailbox.send("ada@example.org", "subscribe", "");
        poll();
        String link = Mails.link(mailTo("ada@example.org", 1).get(0), "/confirm");

        mailbox.send("ada@example.org", "yes please", "Yes.\n\n> " + link + "\n");
        poll();

        assertThat(subscriber("ada@example.org").status()).isEqualTo(SubscriberStatus.ACTIVE);
    }

    @Test
    void a_made_up_token_confirms_nobody_and_gets_help() throws Exception {
        mailbox.send("ada@example.org", "subscribe", "");
        poll();
        long id = subscriber("ada@example.org").id();

        mailbox.send("mallory@example.org", "Re: Confirm [confirm " + id + ".zzzzzz.AAAAAAAAAAAAAAAAAAAAAA]", "");
        poll();

        assertThat(subscriber("ada@example.org").status()).isEqualTo(SubscriberStatus.PENDING);
        assertThat(Mails.subject(mailTo("mallory@example.org", 2).get(0))).isEqualTo("How to use Paper Digest by email");
    }

    @Test
    void the_list_unsubscribe_mailto_with_its_signed_token_unsubscribes_at_once_and_says_so() throws Exception {
        app.consent().add(EmailAddress.parse("bob@example.org"), "Bob", List.of(), true, Consent.Source.CLI);
        String mailto = app.composer().unsubscribeMailto(subscriber("bob@example.org").id());
        String subject = java.net.URLDecoder.decode(mailto.substring(mailto.indexOf("?subject=") + 9),
                java.nio.charset.StandardCharsets.UTF_8);
        mailbox.send("bob@example.org", subject, "");

        poll();

        assertThat(subscriber("bob@example.org").status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
        MimeMessage goodbye = mailTo("bob@example.org", 1).get(0);
        assertThat(Mails.subject(goodbye)).isEqualTo("You are unsubscribed from Paper Digest");
        assertThat(Mails.text(goodbye)).contains("Hi Bob,", "bob@example.org is off the list");
        assertThat(app.consent().history(subscriber("bob@example.org").id())).last()
                .extracting(Consent.HistoryEntry::to, Consent.HistoryEntry::source).containsExactly("unsubscribed", "email");
    }

    @Test
    void a_forged_bare_unsubscribe_changes_nothing_and_asks_the_reader_to_confirm() throws Exception {
        app.consent().add(EmailAddress.parse("bob@example.org"), "Bob", List.of(), true, Consent.Source.CLI);
        mailbox.send("Bob <bob@example.org>", "unsubscribe", "");

        poll();

        assertThat(subscriber("bob@example.org").status()).isEqualTo(SubscriberStatus.ACTIVE);
        MimeMessage ask = mailTo("bob@example.org", 1).get(0);
        assertThat(Mails.subject(ask)).startsWith("Confirm you want to leave Paper Digest [unsubscribe ");
        assertThat(Mails.text(ask)).contains("Nothing has changed yet", "https://digest.example.org/unsubscribe?token=");
    }

    @Test
    void replying_to_the_leave_mail_unsubscribes() throws Exception {
        app.consent().add(EmailAddress.parse("bob@example.org"), "Bob", List.of(), true, Consent.Source.CLI);
        mailbox.send("bob@example.org", "unsubscribe", "");
        poll();
        MimeMessage ask = mailTo("bob@example.org", 1).get(0);

        mailbox.send("bob@example.org", "Re: " + Mails.subject(ask), "");
        poll();

        assertThat(subscriber("bob@example.org").status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
    }

    @Test
    void a_made_up_unsubscribe_token_unsubscribes_nobody() throws Exception {
        app.consent().add(EmailAddress.parse("bob@example.org"), "Bob", List.of(), true, Consent.Source.CLI);
        long id = subscriber("bob@example.org").id();
        mailbox.send("mallory@example.org", "unsubscribe " + id + ".zzzzzz.AAAAAAAAAAAAAAAAAAAAAA", "");

        poll();

        assertThat(subscriber("bob@example.org").status()).isEqualTo(SubscriberStatus.ACTIVE);
    }

    @Test
    void a_command_on_the_first_line_of_the_body_counts() throws Exception {
        app.consent().add(EmailAddress.parse("bob@example.org"), null, List.of(), true, Consent.Source.CLI);
        mailbox.send("bob@example.org", "Re: Paper Digest #3", "\n  Unsubscribe.\n\nSent from my phone");

        poll();

        assertThat(Mails.subject(mailTo("bob@example.org", 1).get(0))).startsWith("Confirm you want to leave");
        assertThat(subscriber("bob@example.org").status()).isEqualTo(SubscriberStatus.ACTIVE);
    }

    @Test
    void anything_else_gets_a_short_help_reply() throws Exception {
        mailbox.send("carl@example.org", "Question", "How do I change my topics?");

        poll();

        MimeMessage help = mailTo("carl@example.org", 1).get(0);
        assertThat(Mails.subject(help)).isEqualTo("How to use Paper Digest by email");
        assertThat(Mails.text(help)).contains("subscribe", "unsubscribe", "https://digest.example.org/");
        assertThat(app.subscribers().find(EmailAddress.parse("carl@example.org"))).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "Auto-Submitted|auto-replied",
            "Auto-Submitted|auto-generated",
            "Precedence|bulk",
            "Precedence|list",
            "Precedence|junk",
            "Return-Path|<>",
            "X-Autoreply|yes",
            "List-Id|<news.example.com>"})
    void robots_never_get_an_answer(String header, String value) throws Exception {
        MimeMessage m = mailbox.message("ada@example.org", "subscribe", "subscribe");
        m.setHeader(header, value);
        mailbox.deliver(m);

        assertThat(poll()).as("handled, and so removed").isEqualTo(1);

        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(app.subscribers().find(EmailAddress.parse("ada@example.org"))).isEmpty();
    }

    @Test
    void a_delivery_report_gets_no_answer() throws Exception {
        mailbox.deliver(mailbox.deliveryReport("mx-robot@example.org"));

        assertThat(poll()).isEqualTo(1);

        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"MAILER-DAEMON@example.org", "postmaster@example.org", "no-reply@example.org", "requests@example.org"})
    void mail_from_daemons_and_from_ourselves_gets_no_answer(String from) throws Exception {
        mailbox.send(from, "Undelivered Mail Returned to Sender", "subscribe");

        poll();

        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void auto_submitted_no_is_a_person_and_gets_an_answer() throws Exception {
        MimeMessage m = mailbox.message("ada@example.org", "help", "");
        m.setHeader("Auto-Submitted", "no");
        mailbox.deliver(m);

        poll();

        assertThat(mailTo("ada@example.org", 1)).hasSize(1);
    }

    @Test
    void a_message_is_handled_once() throws Exception {
        mailbox.send("carl@example.org", "help", "");

        assertThat(poll()).isEqualTo(1);
        assertThat(poll()).isZero();

        mailTo("carl@example.org", 1);
        Thread.sleep(200);
        assertThat(Mails.to(greenMail.getReceivedMessages(), "carl@example.org")).hasSize(1);
    }

    @Test
    void one_sender_gets_at_most_3_answers_an_hour() throws Exception {
        for (int i = 0; i < 5; i++) {
            mailbox.send("carl@example.org", "what is this " + i, "");
        }

        assertThat(poll()).isEqualTo(5);

        mailTo("carl@example.org", 3);
        Thread.sleep(200);
        assertThat(Mails.to(greenMail.getReceivedMessages(), "carl@example.org")).hasSize(3);
    }

    @Test
    void subscribe_by_mail_obeys_the_per_address_limit_too() throws Exception {
        mailbox.send("ada@example.org", "subscribe", "");
        mailbox.send("ada@example.org", "subscribe", "");

        poll();

        mailTo("ada@example.org", 1);
        Thread.sleep(200);
        assertThat(Mails.to(greenMail.getReceivedMessages(), "ada@example.org")).hasSize(1);
    }

    @Test
    void forty_forged_senders_in_one_poll_get_no_more_mail_than_the_instance_budget() throws Exception {
        app.close();
        app = new App(RequestMailbox.env(dir, greenMail).set("DIGEST_REQUEST_MAILS_PER_HOUR", "5").config(),
                TestClock.at("2026-07-01T10:00:00Z"));
        for (int i = 1; i <= 40; i++) {
            mailbox.send("victim" + i + "@example.org", "subscribe", "");
        }

        assertThat(poll()).isEqualTo(40);

        greenMail.waitForIncomingEmail(5_000, 5);
        Thread.sleep(500);
        assertThat(greenMail.getReceivedMessages()).hasSize(5);
    }

    @Test
    void the_web_form_and_the_mailbox_share_the_per_address_limit_and_plus_tags_count_once() throws Exception {
        mailbox.send("victim+1@example.org", "subscribe", "");
        mailbox.send("Victim+2@example.org", "subscribe", "");
        mailbox.send("victim@example.org", "subscribe", "");

        poll();

        assertThat(mailTo("victim+1@example.org", 1)).hasSize(1);
        Thread.sleep(500);
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(subscriber("victim+1@example.org").email()).as("stored as typed").isEqualTo("victim+1@example.org");
    }
}
