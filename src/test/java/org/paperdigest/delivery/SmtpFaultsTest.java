package org.paperdigest.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.App;
import org.paperdigest.subscribers.EmailAddress;
import org.paperdigest.subscribers.SubscriberStatus;
import org.paperdigest.testing.CliRun;
import org.paperdigest.testing.FaultySmtpServer;
import org.paperdigest.testing.FaultySmtpServer.Fault;
import org.paperdigest.testing.Seed;
import org.paperdigest.testing.TestEnv;

/** What a send does when the SMTP server misbehaves: retry what is temporary, record what is permanent. */
class SmtpFaultsTest {
    @TempDir
    Path dir;

    FaultySmtpServer smtp;
    TestEnv env;

    @BeforeEach
    void start() throws Exception {
        smtp = FaultySmtpServer.start();
        env = TestEnv.sqliteIn(dir).smtpPort(smtp.port()).set("SMTP_TIMEOUT", "1s").set("SMTP_CONNECT_TIMEOUT", "1s");
        try (App app = app()) {
            Seed.readers(app, 5);
        }
    }

    @AfterEach
    void stop() throws Exception {
        smtp.close();
    }

    private App app() {
        return new App(env.config(), Clock.systemUTC());
    }

    private Map<String, Seed.Row> rows(int issue) {
        try (App app = app()) {
            return Seed.deliveries(app, issue);
        }
    }

    @Test
    void greylisting_451_is_retried_with_backoff_then_delivered_once() {
        smtp.fault("user1@example.org", Fault.RCPT_451, 2);

        CliRun send = CliRun.run(env, "send");

        assertThat(send.exitCode()).as(send.err()).isZero();
        assertThat(send.out()).contains("Issue 1 is complete");
        assertThat(smtp.accepted("user1@example.org")).isEqualTo(1);
        Seed.Row row = rows(1).get("user1@example.org");
        assertThat(row.status()).isEqualTo("sent");
        assertThat(row.attempts()).isEqualTo(3);
        assertThat(smtp.acceptedTotal()).isEqualTo(5);
    }

    @Test
    void rejected_recipient_550_is_failed_at_once_with_the_server_reply() {
        smtp.fault("user2@example.org", Fault.RCPT_550, Integer.MAX_VALUE);

        CliRun send = CliRun.run(env, "send");

        assertThat(send.out()).as(send.err()).contains("sent 4, failed 1");
        Seed.Row row = rows(1).get("user2@example.org");
        assertThat(row.status()).isEqualTo("failed");
        assertThat(row.attempts()).isEqualTo(1);
        assertThat(row.lastError()).contains("550 5.1.1").contains("User unknown");
        try (App app = app()) {
            assertThat(app.bounces().ofIssue(1, 10)).singleElement().satisfies(b -> {
                assertThat(b.kind()).isEqualTo(org.paperdigest.subscribers.Bounce.Kind.HARD);
                assertThat(b.status()).isEqualTo("5.1.1");
                assertThat(b.email()).isEqualTo("user2@example.org");
            });
        }
        assertThat(CliRun.run(env, "issues", "show", "1").out()).contains("1 × ").contains("550 5.1.1");
        String json = CliRun.run(env, "issues", "list", "--json").out();
        assertThat(json).contains("\"sent\" : 4").contains("\"failed\" : 1").contains("\"top_errors\"")
                .contains("User unknown").contains("\"msgs_per_second\"");
    }

    @Test
    void a_full_mailbox_refused_at_rcpt_is_a_soft_bounce_and_the_reader_stays() {
        smtp.fault("user2@example.org", Fault.RCPT_552, Integer.MAX_VALUE);

        CliRun.run(env, "send");

        try (App app = app()) {
            assertThat(app.bounces().ofIssue(1, 10)).singleElement().satisfies(b -> {
                assertThat(b.kind()).isEqualTo(org.paperdigest.subscribers.Bounce.Kind.SOFT);
                assertThat(b.status()).isEqualTo("5.2.2");
            });
            assertThat(app.subscribers().find(EmailAddress.parse("user2@example.org")).orElseThrow().status())
                    .as("DIGEST_BOUNCE_LIMIT 1 is for hard bounces only").isEqualTo(SubscriberStatus.ACTIVE);
        }
    }

    @Test
    void spam_rejection_554_after_data_is_failed_not_retried() {
        smtp.fault("user3@example.org", Fault.DATA_554, Integer.MAX_VALUE);

        CliRun.run(env, "send");

        Seed.Row row = rows(1).get("user3@example.org");
        assertThat(row.status()).isEqualTo("failed");
        assertThat(row.attempts()).isEqualTo(1);
        assertThat(row.lastError()).contains("554 5.7.1");
    }

    @Test
    void repeated_hard_failures_make_the_subscriber_bounced() {
        env.set("DIGEST_BOUNCE_LIMIT", "2");
        smtp.fault("user2@example.org", Fault.RCPT_550, Integer.MAX_VALUE);

        CliRun.run(env, "send");
        CliRun.run(env, "send", "--new");
        CliRun third = CliRun.run(env, "send", "--new");

        try (App app = app()) {
            assertThat(app.subscribers().find(EmailAddress.parse("user2@example.org")).orElseThrow().status())
                    .isEqualTo(SubscriberStatus.BOUNCED);
        }
        assertThat(third.out()).contains("Issue 3 planned: 4 messages");
        assertThat(rows(3)).doesNotContainKey("user2@example.org");
    }

    @Test
    void a_421_closes_the_connection_and_the_message_goes_out_on_a_new_one() {
        smtp.fault("user1@example.org", Fault.RCPT_421, 1);

        CliRun send = CliRun.run(env, "send", "--pool-size", "1");

        assertThat(send.exitCode()).as(send.err()).isZero();
        assertThat(smtp.accepted("user1@example.org")).isEqualTo(1);
        assertThat(smtp.acceptedTotal()).isEqualTo(5);
        assertThat(smtp.connections()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void a_connection_dropped_in_the_middle_of_data_is_retried() {
        smtp.fault("user4@example.org", Fault.DROP_MID_DATA, 1);

        CliRun send = CliRun.run(env, "send", "--pool-size", "1");

        assertThat(send.exitCode()).as(send.err()).isZero();
        assertThat(smtp.accepted("user4@example.org")).isEqualTo(1);
        assertThat(rows(1).get("user4@example.org").attempts()).isEqualTo(2);
        assertThat(smtp.acceptedTotal()).isEqualTo(5);
    }

    @Test
    void a_server_stalling_past_the_timeout_is_retried() {
        smtp.stallFor(Duration.ofSeconds(3)).fault("user5@example.org", Fault.STALL_AFTER_DATA, 1);

        CliRun send = CliRun.run(env, "send", "--pool-size", "1");

        assertThat(send.exitCode()).as(send.err()).isZero();
        Seed.Row row = rows(1).get("user5@example.org");
        assertThat(row.status()).isEqualTo("sent");
        assertThat(row.attempts()).isEqualTo(2);
        assertThat(smtp.acceptedTotal()).isEqualTo(5);
    }

    @Test
    void a_server_that_is_down_pauses_the_issue_without_using_up_attempts() throws Exception {
        smtp.down();
        try (App app = app()) {
            SendService.Prepared prepared = app.sendService().prepare(Issue.Kind.MANUAL, null, false);
            Thread comesBack = new Thread(() -> {
                try {
                    Thread.sleep(1500);
                    smtp.up();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            comesBack.start();

            DispatchResult r = app.sendService().dispatch(prepared.issue(), app.servicePolicy(), 0, Progress.NONE, new AtomicBoolean());

            comesBack.join();
            assertThat(r.sent()).isEqualTo(5);
            assertThat(r.issueFinished()).isTrue();
            assertThat(Seed.deliveries(app, 1).values()).allSatisfy(row -> assertThat(row.attempts()).isEqualTo(1));
        }
    }

    @Test
    void a_one_off_send_gives_up_when_the_server_stays_down_and_resumes_later() throws Exception {
        smtp.down();

        CliRun first = CliRun.run(env, "send");

        assertThat(first.exitCode()).isEqualTo(1);
        assertThat(first.err()).contains("Stopped: Cannot connect to the SMTP server").contains("run `send` again");
        smtp.up();
        CliRun second = CliRun.run(env, "send");
        assertThat(second.out()).contains("Issue 1 is unfinished: 5 messages not yet sent. Resuming it.");
        assertThat(smtp.acceptedByRecipient().values()).hasSize(5).containsOnly(1);
    }

    @Test
    void retry_failed_requeues_only_the_failed_deliveries_of_that_issue() {
        env.set("DIGEST_BOUNCE_LIMIT", "3"); // with the default 1, the one 5.1.1 marks the reader bounced and nothing is retried
        smtp.fault("user2@example.org", Fault.RCPT_550, 1);
        CliRun.run(env, "send");
        assertThat(rows(1).get("user2@example.org").status()).isEqualTo("failed");

        CliRun retry = CliRun.run(env, "send", "--retry-failed", "1");

        assertThat(retry.out()).contains("Re-queued 1 failed deliveries of issue 1").contains("sent 1, failed 0");
        assertThat(smtp.acceptedByRecipient().values()).hasSize(5).containsOnly(1);
        assertThat(CliRun.run(env, "send", "--retry-failed", "1").out()).contains("no failed deliveries");
    }

    @Test
    void a_refused_sender_stops_the_send_without_failing_or_bouncing_anyone() {
        smtp.refuseSender("550 5.7.1 <digest@example.org>: Sender address rejected: not owned by user");

        CliRun send = CliRun.run(env, "send");

        assertThat(send.exitCode()).isEqualTo(2);
        assertThat(send.err()).contains("refuses our messages").contains("Sender address rejected");
        assertThat(rows(1).values()).allSatisfy(row -> assertThat(row.status()).isEqualTo("pending"));
        try (App app = app()) {
            assertThat(app.bounces().countOfIssue(1)).containsEntry(org.paperdigest.subscribers.Bounce.Kind.HARD, 0L);
        }
        smtp.refuseSender(null);
        assertThat(CliRun.run(env, "send").out()).contains("sent 5, failed 0");
    }

    @Test
    void message_after_message_refused_stops_the_send_and_holds_nothing_against_the_readers() throws Exception {
        try (App app = app()) {
            Seed.readers(app, 10).forEach(email -> smtp.fault(email, Fault.DATA_554, Integer.MAX_VALUE));
        }

        CliRun send = CliRun.run(env, "send", "--pool-size", "1");

        assertThat(send.exitCode()).isEqualTo(1);
        assertThat(send.err()).contains("refused " + Dispatcher.REFUSALS_BEFORE_STOP + " messages in a row").contains("--retry-failed 1");
        assertThat(rows(1).values().stream().filter(r -> r.status().equals("failed"))).hasSize(Dispatcher.REFUSALS_BEFORE_STOP);
        try (App app = app()) {
            assertThat(app.bounces().countOfIssue(1)).containsEntry(org.paperdigest.subscribers.Bounce.Kind.HARD, 0L);
        }
    }

    @Test
    void a_message_that_cannot_be_composed_is_failed_and_the_others_go_out() {
        try (App app = app()) {
            app.sendService().prepare(Issue.Kind.MANUAL, null, false);
            // As if the editor removed a paper from the catalog while the issue was being sent.
            app.database().withConnection(c -> c.createStatement().executeUpdate(
                    "UPDATE deliveries SET papers = 'no-such-paper' WHERE subscriber_id = "
                            + "(SELECT id FROM subscribers WHERE email = 'user3@example.org')"));
        }

        CliRun send = CliRun.run(env, "send");

        assertThat(send.out()).as(send.err()).contains("sent 4, failed 1");
        Seed.Row row = rows(1).get("user3@example.org");
        assertThat(row.status()).isEqualTo("failed");
        assertThat(row.lastError()).contains("cannot compose").contains("no-such-paper");
    }

    @Test
    void a_send_after_retry_failed_on_an_older_issue_finishes_that_issue_first() throws Exception {
        env.set("DIGEST_BOUNCE_LIMIT", "3"); // with the default 1, the one 5.1.1 marks the reader bounced and nothing is retried
        smtp.fault("user2@example.org", Fault.RCPT_550, 1);
        CliRun.run(env, "send");
        CliRun.run(env, "send", "--new");
        smtp.down();
        CliRun interrupted = CliRun.run(env, "send", "--retry-failed", "1");
        assertThat(interrupted.exitCode()).isEqualTo(1);
        smtp.up();

        CliRun resumed = CliRun.run(env, "send");

        assertThat(resumed.out()).contains("Issue 1 is unfinished").contains("sent 1");
        assertThat(rows(1).get("user2@example.org").status()).isEqualTo("sent");
        assertThat(smtp.accepted("user2@example.org")).isEqualTo(2);
        assertThat(smtp.accepted("user1@example.org")).isEqualTo(2);
    }

    @Test
    void without_pipelining_the_same_faults_are_handled_command_by_command() {
        smtp.pipelining(false).fault("user1@example.org", Fault.RCPT_451, 1).fault("user2@example.org", Fault.RCPT_550, 1);

        CliRun send = CliRun.run(env, "send", "--pool-size", "1");

        assertThat(send.out()).as(send.err()).contains("sent 4, failed 1");
        assertThat(smtp.accepted("user1@example.org")).isEqualTo(1);
        assertThat(rows(1).get("user2@example.org").lastError()).contains("550 5.1.1");
    }
}
