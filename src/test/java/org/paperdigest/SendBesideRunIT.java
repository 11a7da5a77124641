package org.paperdigest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.testing.CliRun;
import org.paperdigest.testing.FaultySmtpServer;
import org.paperdigest.testing.JarProcess;
import org.paperdigest.testing.Seed;
import org.paperdigest.testing.TestEnv;

/**
 * The real jar's {@code run} in a child process and a one-off {@code send} in this one, on one
 * SQLite file: the send is not refused, the two processes share the lock and the issue, and every
 * reader gets it once.
 */
class SendBesideRunIT {
    private static final int READERS = 120;

    @TempDir
    Path dir;

    FaultySmtpServer smtp;

    @BeforeEach
    void start() throws Exception {
        smtp = FaultySmtpServer.start().slowly(Duration.ofMillis(40));
    }

    @AfterEach
    void stop() throws Exception {
        smtp.close();
    }

    @Test
    void send_beside_a_running_service_in_another_process_shares_the_issue_and_everyone_gets_it_once() throws Exception {
        TestEnv env = TestEnv.sqliteIn(dir).smtpPort(smtp.port()).set("HTTP_PORT", "0")
                .set("DIGEST_CRON", "0 0 3 1 1 ?").set("DIGEST_MISFIRE_GRACE", "0s");
        try (App app = new App(env.config(), Clock.systemUTC())) {
            Seed.readers(app, READERS);
        }
        try (JarProcess run = JarProcess.start(dir, env.values(), "run")) {
            run.awaitOutput("paper-digest is running", Duration.ofMinutes(2));

            CliRun send = CliRun.run(env, "send");

            assertThat(send.exitCode()).as(send.out() + send.err() + run.output()).isZero();
            assertThat(send.out()).contains("share issue 1").contains("Issue 1 is complete");
            run.terminate();
            assertThat(run.waitFor(Duration.ofMinutes(1))).isZero();
        }
        assertThat(smtp.acceptedByRecipient()).hasSize(READERS).allSatisfy((email, n) -> assertThat(n).as(email).isEqualTo(1));
        try (App app = new App(env.config(), Clock.systemUTC())) {
            assertThat(app.issues().list()).singleElement().satisfies(i -> assertThat(i.finished()).isTrue());
        }
    }
}
