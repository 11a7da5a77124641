package org.paperdigest.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.App;
import org.paperdigest.testing.CliRun;
import org.paperdigest.testing.Seed;
import org.paperdigest.testing.TestEnv;

/** An issue whose planning was cut short by a crash is completed on the next send, not planned twice. */
class PlanningResumeTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    @Test
    void a_half_planned_issue_is_completed_and_nobody_is_planned_twice() {
        TestEnv env = TestEnv.sqliteIn(dir).smtpPort(greenMail.getSmtp().getPort());
        try (App app = new App(env.config(), Clock.systemUTC())) {
            Seed.readers(app, IssuePlanner.PAGE + 200);
            Issue issue = app.issues().create(Issue.Kind.MANUAL, null, 3).orElseThrow();
            // What a crash after the first planning transaction leaves behind: one page and its checkpoint.
            List<Outbox.Candidate> firstPage = app.outbox().candidates(0, IssuePlanner.PAGE);
            List<Outbox.Planned> rows = new ArrayList<>();
            firstPage.forEach(c -> rows.add(new Outbox.Planned(c.subscriberId(), List.of("crd", "xlnet", "dain"), 0)));
            app.outbox().insertPlanned(issue.number(), rows, firstPage.get(firstPage.size() - 1).subscriberId());
        }

        CliRun send = CliRun.run(env, "send");

        assertThat(send.exitCode()).as(send.err()).isZero();
        assertThat(send.out()).contains("Issue 1 is unfinished").contains("sent " + (IssuePlanner.PAGE + 200));
        assertThat(greenMail.getReceivedMessages()).hasSize(IssuePlanner.PAGE + 200);
        try (App app = new App(env.config(), Clock.systemUTC())) {
            assertThat(Seed.deliveries(app, 1)).hasSize(IssuePlanner.PAGE + 200);
        }
    }
}
