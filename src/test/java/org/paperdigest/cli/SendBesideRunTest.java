package org.paperdigest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.App;
import org.paperdigest.Service;
import org.paperdigest.testing.CliRun;
import org.paperdigest.testing.FaultySmtpServer;
import org.paperdigest.testing.Seed;
import org.paperdigest.testing.TestEnv;

/**
 * A one-off {@code send} beside the {@code run} service on one SQLite file: the two share the issue
 * through claims, every reader gets it once, there is one issue, and the send says who sent what.
 */
class SendBesideRunTest {
    private static final int READERS = 60;

    @TempDir
    Path dir;

    FaultySmtpServer smtp;
    TestEnv env;
    App service;
    final List<Service> started = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        // A busy server, so each process is still sending when the other one comes along.
        smtp = FaultySmtpServer.start().slowly(Duration.ofMillis(60));
        // A schedule that does not fire, and no catch-up: the service only sends what it finds unfinished.
        env = TestEnv.sqliteIn(dir).smtpPort(smtp.port()).set("DIGEST_CRON", "0 0 3 1 1 ?").set("DIGEST_MISFIRE_GRACE", "0s");
        try (App app = new App(env.config(), Clock.systemUTC())) {
            Seed.readers(app, READERS);
        }
    }

    @AfterEach
    void stop() throws Exception {
        stopService();
        smtp.close();
    }

    /** Starts what {@code run} starts, as RunCommand does: the sender lock, then every service. */
    private void startService() throws Exception {
        service = new App(env.config(), Clock.systemUTC());
        service.senderLock();
        for (Service s : service.services()) {
            s.start();
            started.add(s);
        }
    }

    private void stopService() throws Exception {
        Collections.reverse(started);
        for (Service s : started) {
            s.stop();
        }
        started.clear();
        if (service != null) {
            service.close();
            service = null;
        }
    }

    private static void awaitAccepted(FaultySmtpServer smtp, int n) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (smtp.acceptedTotal() < n && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(smtp.acceptedTotal()).as("messages accepted").isGreaterThanOrEqualTo(n);
    }

    private void assertEveryReaderGotOneIssueOnce() {
        assertThat(smtp.acceptedByRecipient()).hasSize(READERS).allSatisfy((email, n) -> assertThat(n).as(email).isEqualTo(1));
        try (App app = new App(env.config(), Clock.systemUTC())) {
            assertThat(app.issues().list()).singleElement().satisfies(i -> assertThat(i.finished()).isTrue());
            assertThat(Seed.deliveries(app, 1).values()).allMatch(r -> r.status().equals("sent"));
        }
    }

    @Test
    void send_joins_the_issue_the_running_service_is_sending_and_follows_it_to_the_end() throws Exception {
        CliRun first = CliRun.run(env, "send", "--limit", "1");
        assertThat(first.exitCode()).as(first.err()).isZero();
        startService();
        awaitAccepted(smtp, 4);

        CliRun send = CliRun.run(env, "send");

        assertThat(send.exitCode()).as(send.out() + send.err()).isZero();
        assertThat(send.out()).contains("Issue 1 is unfinished").contains("Resuming it")
                .contains("Another paper-digest process (such as `run`) is sending from this database")
                .contains("share issue 1").contains("Issue 1 is complete").doesNotContain("still queued");
        assertThat(send.out()).containsPattern("Sent by process: .*\\(this one\\)");
        assertEveryReaderGotOneIssueOnce();
    }

    @Test
    void send_while_the_service_is_idle_starts_one_issue_that_both_may_send() throws Exception {
        startService();

        CliRun send = CliRun.run(env, "send");

        assertThat(send.exitCode()).as(send.out() + send.err()).isZero();
        assertThat(send.out()).contains("Issue 1 planned: " + READERS + " messages to send.")
                .contains("share issue 1").contains("Issue 1 is complete");
        assertEveryReaderGotOneIssueOnce();
    }
}
