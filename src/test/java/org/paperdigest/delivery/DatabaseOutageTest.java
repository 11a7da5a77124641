package org.paperdigest.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.App;
import org.paperdigest.testing.CliRun;
import org.paperdigest.testing.FaultySmtpServer;
import org.paperdigest.testing.Seed;
import org.paperdigest.testing.TcpProxy;
import org.paperdigest.testing.TestEnv;

/**
 * A send while the database cannot be written (another connection holds SQLite's write lock):
 * marks that cannot be recorded wait in memory, nobody is blamed for another reader's mark, and an
 * outage longer than DIGEST_DB_OUTAGE_GRACE stops the send with every unsent delivery pending.
 */
class DatabaseOutageTest {
    @TempDir
    Path dir;

    FaultySmtpServer smtp;
    TestEnv env;
    Connection lock;

    @BeforeEach
    void start() throws Exception {
        smtp = FaultySmtpServer.start();
        // One sender, so the order of the messages is the order of the readers.
        env = TestEnv.sqliteIn(dir).smtpPort(smtp.port()).set("SMTP_POOL_SIZE", "1")
                .set("SMTP_TIMEOUT", "2s").set("SMTP_CONNECT_TIMEOUT", "1s");
        try (App app = app()) {
            Seed.readers(app, 5);
        }
    }

    @AfterEach
    void stop() throws Exception {
        release();
        smtp.close();
    }

    private App app() {
        return new App(env.config(), Clock.systemUTC());
    }

    /** Takes SQLite's write lock from a connection of our own, as a long-running writer would. */
    private void holdWriteLock() {
        try {
            lock = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("digest.db"));
            try (Statement s = lock.createStatement()) {
                s.execute("PRAGMA busy_timeout = 30000");
                s.execute("BEGIN EXCLUSIVE");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized void release() throws SQLException {
        if (lock != null) {
            try (Statement s = lock.createStatement()) {
                s.execute("ROLLBACK");
            }
            lock.close();
            lock = null;
        }
    }

    @Test
    void outage_longer_than_the_grace_stops_with_exit_1_and_every_reader_gets_the_issue_once_after() throws Exception {
        env.set("DIGEST_DB_OUTAGE_GRACE", "2s");
        smtp.whenAccepted("user2@example.org", this::holdWriteLock);

        CliRun first = CliRun.run(env, "send");

        assertThat(first.exitCode()).as(first.out() + first.err()).isEqualTo(1);
        assertThat(first.err()).contains("DIGEST_DB_OUTAGE_GRACE").contains("run `send` again");
        release();
        Map<String, Seed.Row> rows;
        try (App app = app()) {
            rows = Seed.deliveries(app, 1);
            assertThat(app.issues().find(1).orElseThrow().finished()).isFalse();
        }
        assertThat(rows.get("user1@example.org").status()).isEqualTo("sent");
        // The message that went out but could not be recorded stays claimed, and nobody else is blamed for it.
        assertThat(rows.get("user2@example.org").status()).isEqualTo("sending");
        assertThat(rows.values()).noneMatch(r -> r.status().equals("failed"));
        assertThat(rows.values()).allMatch(r -> r.lastError() == null);

        CliRun second = CliRun.run(env, "send");

        assertThat(second.exitCode()).as(second.out() + second.err()).isZero();
        assertThat(second.out()).contains("Issue 1 is complete");
        try (App app = app()) {
            assertThat(Seed.deliveries(app, 1).values()).allMatch(r -> r.status().equals("sent"));
        }
        // user2's message was in flight when the database went away: the one documented duplicate.
        assertThat(smtp.acceptedByRecipient()).containsEntry("user1@example.org", 1).containsEntry("user2@example.org", 2)
                .containsEntry("user3@example.org", 1).containsEntry("user4@example.org", 1)
                .containsEntry("user5@example.org", 1);
    }

    @Test
    void outage_shorter_than_the_grace_is_waited_out_and_the_send_completes() throws Exception {
        // busy_timeout is a third of the grace (2 s): the mark fails at least once and is retried from memory.
        env.set("DIGEST_DB_OUTAGE_GRACE", "6s");
        smtp.whenAccepted("user2@example.org", () -> {
            holdWriteLock();
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(3_500);
                    release();
                } catch (InterruptedException | SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            t.setDaemon(true);
            t.start();
        });

        CliRun send = CliRun.run(env, "send");

        assertThat(send.exitCode()).as(send.out() + send.err()).isZero();
        assertThat(send.out()).contains("sent 5, failed 0").contains("Issue 1 is complete");
        try (App app = app()) {
            assertThat(Seed.deliveries(app, 1).values()).allMatch(r -> r.status().equals("sent"));
        }
        assertThat(smtp.acceptedByRecipient()).hasSize(5).allSatisfy((email, n) -> assertThat(n).isEqualTo(1));
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "DIGEST_TEST_POSTGRES_URL", matches = ".+")
    void postgresql_cut_longer_than_the_grace_stops_with_exit_1_and_the_next_send_gets_everyone_once() throws Exception {
        TestEnv pg = TestEnv.postgresIn(dir).smtpPort(smtp.port()).set("SMTP_POOL_SIZE", "1")
                .set("SMTP_TIMEOUT", "500ms").set("SMTP_CONNECT_TIMEOUT", "250ms").set("DIGEST_CLAIM_LEASE", "3s");
        java.net.URI server = java.net.URI.create(TestEnv.postgresUrl().substring("jdbc:".length()));
        try (TcpProxy proxy = TcpProxy.to(server.getHost(), server.getPort())) {
            String url = pg.values().get("DIGEST_DB_URL")
                    .replace("//" + server.getHost() + ":" + server.getPort() + "/", "//127.0.0.1:" + proxy.port() + "/");
            pg.set("DIGEST_DB_URL", url).set("DIGEST_DB_OUTAGE_GRACE", "2s");
            try (App app = new App(pg.config(), Clock.systemUTC())) {
                Seed.readers(app, 5);
            }
            smtp.whenAccepted("user2@example.org", proxy::cut);

            CliRun first = CliRun.run(pg, "send");

            assertThat(first.exitCode()).as(first.out() + first.err()).isEqualTo(1);
            assertThat(first.err()).contains("DIGEST_DB_OUTAGE_GRACE");
            proxy.restore();
            try (App app = new App(pg.config(), Clock.systemUTC())) {
                Map<String, Seed.Row> rows = Seed.deliveries(app, 1);
                assertThat(rows.get("user2@example.org").status()).isEqualTo("sending");
                assertThat(rows.values()).noneMatch(r -> r.status().equals("failed"));
                assertThat(app.issues().find(1).orElseThrow().finished()).isFalse();
            }

            // No lock on PostgreSQL: the lost claims come back when their lease ends, and the send waits for that.
            CliRun second = CliRun.run(pg, "send");

            assertThat(second.exitCode()).as(second.out() + second.err()).isZero();
            assertThat(second.out()).contains("Issue 1 is complete");
            assertThat(smtp.acceptedByRecipient()).containsEntry("user1@example.org", 1).containsEntry("user2@example.org", 2)
                    .containsEntry("user3@example.org", 1).containsEntry("user4@example.org", 1)
                    .containsEntry("user5@example.org", 1);
        }
    }
}
