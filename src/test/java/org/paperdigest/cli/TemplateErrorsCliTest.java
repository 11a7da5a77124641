package org.paperdigest.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.testing.CliRun;
import org.paperdigest.testing.TemplateCopies;
import org.paperdigest.testing.TestEnv;

/** A template naming something the view does not have stops every command that renders, with exit 2 and file and line. */
class TemplateErrorsCliTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    private TestEnv env;
    private Path templates;

    @BeforeEach
    void setUp() throws IOException {
        templates = TemplateCopies.copyInto(dir);
        TemplateCopies.replace(templates.resolve("digest.html.mustache"), "{{#papers}}", "{{#paperz}}");
        TemplateCopies.replace(templates.resolve("digest.html.mustache"), "{{/papers}}", "{{/paperz}}");
        env = TestEnv.sqliteIn(dir).smtpPort(greenMail.getSmtp().getPort()).set("DIGEST_TEMPLATES", templates.toString());
        assertThat(CliRun.run(env, "subscribers", "add", "ada@example.net", "--confirmed").exitCode()).isZero();
    }

    @Test
    void preview_lint_and_send_exit_2_naming_file_line_and_the_nearest_name() {
        String expected = templates.resolve("digest.html.mustache") + " line 60: unknown name 'paperz' (did you mean 'papers'?)";
        for (String[] command : new String[][] {{"preview"}, {"lint"}, {"send"}, {"send", "--force"}, {"send", "--dry-run"}}) {
            CliRun r = CliRun.run(env, command);

            assertThat(r.exitCode()).as(String.join(" ", command) + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", command)).contains(expected);
        }
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void run_refuses_to_start_with_a_template_naming_an_unknown_value() {
        CliRun run = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> CliRun.run(env, "run"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(templates.resolve("digest.html.mustache") + " line 60: unknown name 'paperz'");
    }
}
