package org.paperdigest.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.App;
import org.paperdigest.testing.CliRun;
import org.paperdigest.testing.FaultySmtpServer;
import org.paperdigest.testing.Seed;
import org.paperdigest.testing.TestEnv;

/**
 * Servers with limits: fewer connections than the pool, too many recipients or messages in one
 * session. The send finishes, no reader is charged an attempt or a bounce for the server's limit,
 * and what is recorded keeps the server's own reply.
 */
class SmtpLimitsTest {
    @TempDir
    Path dir;

    FaultySmtpServer smtp;
    TestEnv env;

    @BeforeEach
    void start() throws Exception {
        smtp = FaultySmtpServer.start();
        env = TestEnv.sqliteIn(dir).smtpPort(smtp.port()).set("SMTP_TIMEOUT", "2s").set("SMTP_CONNECT_TIMEOUT", "1s");
    }

    @AfterEach
    void stop() throws Exception {
        smtp.close();
    }

    private void readers(int n) {
        try (App app = new App(env.config(), Clock.systemUTC())) {
            Seed.readers(app, n);
        }
    }

    private Map<String, Seed.Row> rows() {
        try (App app = new App(env.config(), Clock.systemUTC())) {
            return Seed.deliveries(app, 1);
        }
    }

    private void assertEveryoneSentOnceWithOneAttemptAndNoBounce(int readers) {
        assertThat(smtp.acceptedByRecipient()).hasSize(readers).allSatisfy((email, n) -> assertThat(n).as(email).isEqualTo(1));
        assertThat(rows().values()).hasSize(readers).allSatisfy(r -> {
            assertThat(r.status()).as(r.email()).isEqualTo("sent");
            assertThat(r.attempts()).as(r.email()).isEqualTo(1);
        });
        try (App app = new App(env.config(), Clock.systemUTC())) {
            assertThat(app.bounces().ofIssue(1, 100)).isEmpty();
        }
    }

    @Test
    void a_server_taking_fewer_connections_than_the_pool_shrinks_it_and_the_send_finishes() {
        // Enough readers that all four senders claim rows (16 at a time) and connect.
        readers(80);
        smtp.maxConnections(2).slowly(Duration.ofMillis(10));

        CliRun send = CliRun.run(env, "send", "--pool-size", "4");

        assertThat(send.exitCode()).as(send.out() + send.err()).isZero();
        assertThat(send.out()).contains("sent 80, failed 0, retrying 0").contains("Issue 1 is complete");
        assertEveryoneSentOnceWithOneAttemptAndNoBounce(80);
        assertThat(smtp.limitReplies()).as("connections refused at the greeting").isPositive();
    }

    @Test
    void too_many_recipients_452_reconnects_without_an_attempt_or_a_bounce_and_the_limit_is_remembered() {
        readers(12);
        smtp.recipientsPerSession(3, "452 4.5.3 Too many recipients in this session");

        CliRun send = CliRun.run(env, "send", "--pool-size", "2");

        assertThat(send.exitCode()).as(send.out() + send.err()).isZero();
        assertThat(send.out()).contains("sent 12, failed 0, retrying 0").contains("Issue 1 is complete");
        assertEveryoneSentOnceWithOneAttemptAndNoBounce(12);
        // Learnt once per sender at most; later sessions end at 3 messages by themselves.
        assertThat(smtp.limitReplies()).isBetween(1, 2);
    }

    @Test
    void a_server_ending_sessions_with_421_after_n_messages_costs_no_attempt_and_is_remembered() {
        readers(10);
        smtp.messagesPerSession(4, "421 4.7.0 Too many messages in this session, closing connection");

        CliRun send = CliRun.run(env, "send", "--pool-size", "1");

        assertThat(send.exitCode()).as(send.out() + send.err()).isZero();
        assertThat(send.out()).contains("sent 10, failed 0, retrying 0");
        assertEveryoneSentOnceWithOneAttemptAndNoBounce(10);
        assertThat(smtp.limitReplies()).isEqualTo(1);
        assertThat(smtp.connections()).isEqualTo(3);
    }

    @Test
    void a_421_that_closes_every_session_is_recorded_with_the_server_reply() {
        readers(1);
        env.set("SMTP_MAX_ATTEMPTS", "2");
        smtp.messagesPerSession(0, "421 4.7.0 Too many messages in this session, closing connection");

        CliRun send = CliRun.run(env, "send");

        assertThat(send.out()).contains("sent 0, failed 1");
        Seed.Row row = rows().get("user1@example.org");
        assertThat(row.status()).isEqualTo("failed");
        assertThat(row.lastError()).contains("421 4.7.0 Too many messages in this session").doesNotContain("closed the connection");
    }
}
