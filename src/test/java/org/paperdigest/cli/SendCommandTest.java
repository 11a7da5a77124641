package org.paperdigest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MailDateFormat;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.App;
import org.paperdigest.subscribers.Consent;
import org.paperdigest.subscribers.EmailAddress;
import org.paperdigest.testing.CliRun;
import org.paperdigest.testing.DeliveryRows;
import org.paperdigest.testing.Links;
import org.paperdigest.testing.ReceivedMail;
import org.paperdigest.testing.SmtpGate;
import org.paperdigest.testing.SubscriberLists;
import org.paperdigest.testing.TestEnv;

/** The one-off {@code send}: what a mail system receives, exactly once per reader, and how a stopped send resumes. */
class SendCommandTest {
    private static final String BASE_URL = "https://digest.example.org";

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    private TestEnv env;

    @BeforeEach
    void setUp() {
        env = TestEnv.sqliteIn(dir).smtpPort(greenMail.getSmtp().getPort());
    }

    @Test
    void sends_one_complete_digest_to_each_of_fifty_subscribers() throws Exception {
        importNumberedReaders(50);
        Instant before = Instant.now().minusSeconds(1);

        CliRun send = CliRun.run(env, "send");

        assertThat(send.exitCode()).as(send.err()).isZero();
        assertThat(send.out()).contains("Issue 1 planned: 50 messages to send.", "Issue 1: sent 50, failed 0, retrying 0, skipped 0",
                "msgs/s", "Issue 1 is complete.");
        List<ReceivedMail> mails = ReceivedMail.all(greenMail.getReceivedMessages());
        assertThat(mails).extracting(ReceivedMail::to).containsExactlyInAnyOrderElementsOf(SubscriberLists.numberedAddresses(50));
        assertThat(mails).extracting(ReceivedMail::messageId).doesNotHaveDuplicates();
        for (ReceivedMail mail : mails) {
            assertIsACompleteDigest(mail, before);
        }
    }

    @Test
    void the_message_id_recorded_for_each_delivery_is_the_one_received() {
        importNumberedReaders(5);

        CliRun.run(env, "send");

        Map<String, String> received = ReceivedMail.all(greenMail.getReceivedMessages()).stream()
                .collect(Collectors.toMap(ReceivedMail::to, ReceivedMail::messageId));
        assertThat(DeliveryRows.in(dir)).hasSize(5).allSatisfy(row -> {
            assertThat(row.status()).isEqualTo("sent");
            assertThat(row.attempts()).isEqualTo(1);
            assertThat(row.messageId()).isEqualTo(received.get(row.email())).startsWith("<digest.1.");
        });
    }

    @Test
    void a_second_send_of_a_finished_issue_sends_nothing() {
        importNumberedReaders(5);
        CliRun.run(env, "send");

        CliRun again = CliRun.run(env, "send");

        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).isEqualTo("Nothing to send: issue 1 is complete and went out less than 24 hours ago;"
                + " use --new to start issue 2 now.\n");
        assertThat(greenMail.getReceivedMessages()).hasSize(5);
        assertThat(DeliveryRows.in(dir)).extracting(DeliveryRows.Row::issue).containsOnly(1);
    }

    @Test
    void a_send_stopped_by_the_server_after_twenty_resumes_with_the_other_thirty_and_nobody_twice() throws Exception {
        importNumberedReaders(50);
        CliRun stopped;
        try (SmtpGate gate = SmtpGate.closingAfter(20, greenMail.getSmtp().getPort())) {
            stopped = CliRun.run(env.smtpPort(gate.port()), "send");
        }

        assertThat(stopped.exitCode()).as(stopped.out()).isEqualTo(1);
        assertThat(stopped.out()).contains("Issue 1 planned: 50 messages to send.", "Issue 1: sent 20,");
        assertThat(stopped.err()).contains("Stopped: Cannot connect to the SMTP server 127.0.0.1:",
                "Issue 1 has 30 messages left; run `send` again to resume it.");
        assertThat(greenMail.getReceivedMessages()).hasSize(20);
        assertThat(DeliveryRows.in(dir)).filteredOn(row -> !row.status().equals("sent")).hasSize(30)
                .allSatisfy(row -> assertThat(row.status()).isIn("pending", "retry"));

        CliRun resumed = CliRun.run(env.smtpPort(greenMail.getSmtp().getPort()), "send");

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("Issue 1 is unfinished: 30 messages not yet sent. Resuming it.",
                "Issue 1: sent 30, failed 0", "Issue 1 is complete.");
        List<ReceivedMail> mails = ReceivedMail.all(greenMail.getReceivedMessages());
        assertThat(mails).extracting(ReceivedMail::to).containsExactlyInAnyOrderElementsOf(SubscriberLists.numberedAddresses(50));
        Map<String, String> recorded = DeliveryRows.in(dir).stream()
                .collect(Collectors.toMap(DeliveryRows.Row::email, DeliveryRows.Row::messageId));
        assertThat(mails).allSatisfy(mail -> assertThat(mail.messageId()).isEqualTo(recorded.get(mail.to())));
        assertThat(CliRun.run(env, "issues", "show", "1").out()).contains("(manual, done)", "50 planned: 50 sent, 0 pending");
    }

    @Test
    void a_dry_run_sends_and_records_nothing() {
        importNumberedReaders(5);

        CliRun dry = CliRun.run(env, "send", "--dry-run");

        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).startsWith("Dry run of issue 1: would send 5 messages and skip 0 subscribers who have every paper;")
                .contains("Nothing was sent or recorded.");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(CliRun.run(env, "issues", "list").out()).isEqualTo("No issues yet. `send` makes the first one.\n");
        assertThat(DeliveryRows.in(dir)).isEmpty();
    }

    @Test
    void a_test_send_delivers_one_marked_message_and_records_nothing() {
        importNumberedReaders(5);

        CliRun test = CliRun.run(env, "send", "--to", "editor@example.org");

        assertThat(test.exitCode()).as(test.err()).isZero();
        assertThat(test.out()).contains("Sent a test message of the next issue to editor@example.org", "Nothing was recorded.");
        List<ReceivedMail> mails = ReceivedMail.all(greenMail.getReceivedMessages());
        assertThat(mails).singleElement().satisfies(mail -> {
            assertThat(mail.to()).isEqualTo("editor@example.org");
            assertThat(mail.subject()).isEqualTo("[Test] Paper Digest #1 — Best of 2019: machine learning papers");
            assertThat(mail.messageId()).startsWith("<test.");
            assertThat(mail.text()).contains("Hi there,");
        });
        assertThat(CliRun.run(env, "issues", "list").out()).isEqualTo("No issues yet. `send` makes the first one.\n");
        assertThat(DeliveryRows.in(dir)).isEmpty();
    }

    @Test
    void a_test_send_to_a_subscriber_shows_their_name_and_topics() {
        importNumberedReaders(3);

        CliRun.run(env, "send", "--to", "reader02@example.org");

        assertThat(ReceivedMail.all(greenMail.getReceivedMessages())).singleElement()
                .satisfies(mail -> assertThat(mail.text()).contains("Hi Reader 2,"));
    }

    @Test
    void limit_sends_that_many_and_leaves_the_rest_queued_for_the_next_send() {
        importNumberedReaders(12);

        CliRun first = CliRun.run(env, "send", "--limit", "5");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("Issue 1: sent 5, failed 0",
                "7 messages of issue 1 are still queued (later); run `send` again, or keep `run` running, to deliver them.");
        assertThat(greenMail.getReceivedMessages()).hasSize(5);

        CliRun rest = CliRun.run(env, "send");

        assertThat(rest.out()).contains("Issue 1 is unfinished: 7 messages not yet sent. Resuming it.", "Issue 1: sent 7,");
        assertThat(ReceivedMail.all(greenMail.getReceivedMessages())).extracting(ReceivedMail::to)
                .containsExactlyInAnyOrderElementsOf(SubscriberLists.numberedAddresses(12));
    }

    @Test
    void a_reader_who_unsubscribes_after_planning_is_skipped() {
        importNumberedReaders(4);
        CliRun.run(env, "send", "--limit", "1");
        try (App app = new App(env.config(), Clock.systemUTC())) {
            long id = app.subscribers().find(EmailAddress.parse("reader04@example.org")).orElseThrow().id();
            app.consent().unsubscribe(id, Consent.Source.CLI, "test");
        }

        CliRun rest = CliRun.run(env, "send");

        assertThat(rest.out()).contains("Issue 1: sent 2, failed 0, retrying 0, skipped 1");
        assertThat(ReceivedMail.all(greenMail.getReceivedMessages())).extracting(ReceivedMail::to)
                .doesNotContain("reader04@example.org").hasSize(3);
    }

    @Test
    void names_with_quotes_commas_and_accents_reach_the_to_header_and_the_greeting_intact() {
        Path csv = SubscriberLists.csv(dir, "names.csv", """
                email,name,topics
                kat@example.org,"Johnson, Katherine",
                zoe@example.org,"Zoë ""Z"" <Ωmega>",
                """);
        CliRun.run(env, "subscribers", "import", csv.toString());

        CliRun.run(env, "send");

        Map<String, ReceivedMail> byTo = ReceivedMail.all(greenMail.getReceivedMessages()).stream()
                .collect(Collectors.toMap(ReceivedMail::to, Function.identity()));
        assertThat(byTo.get("kat@example.org").toName()).isEqualTo("Johnson, Katherine");
        assertThat(byTo.get("zoe@example.org").toName()).isEqualTo("Zoë \"Z\" <Ωmega>");
        assertThat(byTo.get("zoe@example.org").text()).contains("Hi Zoë \"Z\" <Ωmega>,");
        assertThat(byTo.get("zoe@example.org").html()).contains("Hi Zoë &quot;Z&quot; &lt;Ωmega&gt;,");
    }

    @Test
    void sending_at_a_set_rate_spaces_the_messages_evenly() throws Exception {
        importNumberedReaders(8);

        CliRun send = CliRun.run(env.set("SMTP_RATE_PER_SECOND", "4"), "send");

        assertThat(send.out()).contains("sent 8,");
        JsonNode issue = new ObjectMapper().readTree(CliRun.run(env, "issues", "show", "1", "--json").out());
        Duration firstToLast = Duration.between(Instant.parse(issue.get("first_sent").asText()),
                Instant.parse(issue.get("last_sent").asText()));
        // Seven gaps of 250 ms at 4 a second, less the slower first send; unthrottled, all eight take about 0.5 s.
        assertThat(firstToLast).isGreaterThanOrEqualTo(Duration.ofMillis(1300));
    }

    @Test
    void a_sender_name_with_accents_is_encoded_in_the_from_header() {
        importNumberedReaders(1);

        CliRun.run(env.set("DIGEST_FROM", "Pâpiers Digest <digest@example.org>"), "send");

        ReceivedMail mail = ReceivedMail.all(greenMail.getReceivedMessages()).get(0);
        assertThat(mail.header("From")).isEqualTo("=?UTF-8?Q?P=C3=A2piers_Digest?= <digest@example.org>");
    }

    @Test
    void a_dry_run_says_nothing_would_go_out_when_send_would_refuse_a_repeat() {
        importNumberedReaders(3);
        CliRun.run(env, "send");

        CliRun dry = CliRun.run(env, "send", "--dry-run");
        CliRun dryNew = CliRun.run(env, "send", "--dry-run", "--new");

        assertThat(dry.out()).isEqualTo("Dry run: nothing to send: issue 1 is complete and went out less than 24 hours ago;"
                + " use --new to start issue 2 now. Nothing was sent or recorded.\n");
        assertThat(dryNew.out()).startsWith("Dry run of issue 2: would send 3 messages");
    }

    private void importNumberedReaders(int count) {
        CliRun imported = CliRun.run(env, "subscribers", "import", SubscriberLists.numbered(dir, count).toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
    }

    private static void assertIsACompleteDigest(ReceivedMail mail, Instant notBefore) throws Exception {
        String reader = mail.to();
        String number = reader.substring("reader".length(), "reader".length() + 2);
        assertThat(mail.contentTypes()).hasSize(3);
        assertThat(mail.contentTypes().get(0)).startsWith("multipart/alternative;");
        assertThat(mail.contentTypes().get(1)).isEqualToIgnoringCase("text/plain; charset=UTF-8");
        assertThat(mail.contentTypes().get(2)).isEqualToIgnoringCase("text/html; charset=UTF-8");
        assertThat(mail.header("From")).isEqualTo("Paper Digest <digest@example.org>");
        assertThat(mail.toName()).isEqualTo("Reader " + Integer.parseInt(number));
        assertThat(mail.subject()).isEqualTo("Paper Digest #1 — Best of 2019: machine learning papers");
        Instant date = new MailDateFormat().parse(mail.header("Date")).toInstant();
        assertThat(date).isBetween(notBefore, Instant.now().plusSeconds(1));
        assertThat(mail.messageId()).matches("<digest\\.1\\.\\d+\\.[0-9a-f]{16}@example\\.org>");
        assertThat(mail.header("List-Id")).isEqualTo("Paper Digest <digest.example.org>");
        assertThat(mail.header("List-Unsubscribe"))
                .matches("<" + BASE_URL + "/unsubscribe\\?token=[^>]+>, <mailto:digest@example\\.org\\?subject=unsubscribe%20[^>]+>");
        assertThat(mail.header("List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        String unsubscribe = mail.header("List-Unsubscribe").substring(1, mail.header("List-Unsubscribe").indexOf('>'));
        assertThat(mail.text()).contains("Hi Reader " + Integer.parseInt(number) + ",", unsubscribe);
        assertThat(Links.inHtml(mail.html())).contains(unsubscribe);
        assertThat(Links.inText(mail.text())).hasSameElementsAs(Links.inHtml(mail.html()));
        assertThat(Links.inHtml(mail.html())).filteredOn(link -> !link.startsWith("https://arxiv.org/")
                && !link.startsWith("https://github.com/")).isNotEmpty().allSatisfy(link -> assertThat(link).startsWith(BASE_URL + "/"));
    }
}
