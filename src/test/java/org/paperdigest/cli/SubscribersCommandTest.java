package org.paperdigest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.testing.CliRun;
import org.paperdigest.testing.TestEnv;

/** What the subscribers commands do to consent, as an operator sees it. */
class SubscribersCommandTest {
    @TempDir
    Path dir;

    private TestEnv env;

    @BeforeEach
    void setUp() {
        env = TestEnv.sqliteIn(dir);
    }

    private CliRun run(String... args) {
        return CliRun.run(env, args);
    }

    private Path csv(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void unsubscribe_records_an_opt_out_received_elsewhere_and_show_prints_the_history() {
        run("subscribers", "add", "ada@example.org", "--name", "Ada", "--topics", "nlp", "--confirmed");

        CliRun unsubscribe = run("subscribers", "unsubscribe", "ada@example.org", "--reason", "asked by phone on 3 July");
        CliRun again = run("subscribers", "unsubscribe", "ada@example.org");
        CliRun show = run("subscribers", "show", "ADA@example.org");

        assertThat(unsubscribe.out()).isEqualTo("Unsubscribed ada@example.org.\n");
        assertThat(again.out()).isEqualTo("ada@example.org is unsubscribed already; nothing changed.\n");
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains("email         ada@example.org", "name          Ada", "topics        nlp",
                "status        unsubscribed", "source        cli", "History:", "(new)", "active", "added by the operator",
                "unsubscribed", "asked by phone on 3 July", "Bounces: none");
    }

    @Test
    void add_updates_only_the_options_given_and_never_brings_back_a_reader_who_left() {
        run("subscribers", "add", "ada@example.org", "--name", "Ada", "--topics", "nlp,vision", "--confirmed");

        CliRun rename = run("subscribers", "add", "ada@example.org", "--name", "Ada L.");
        run("subscribers", "unsubscribe", "ada@example.org");
        CliRun back = run("subscribers", "add", "ada@example.org", "--confirmed");

        assertThat(rename.out()).isEqualTo("Updated ada@example.org (active).\n");
        assertThat(back.out()).startsWith("Skipped: ada@example.org is unsubscribed; left as it is");
        assertThat(run("subscribers", "show", "ada@example.org").out())
                .contains("name          Ada L.", "topics        nlp,vision", "status        unsubscribed");
    }

    @Test
    void remove_keeps_a_suppression_entry_that_import_and_add_respect_and_forget_erases_it() throws IOException {
        run("subscribers", "add", "ada@example.org", "--name", "Ada", "--confirmed");
        Path list = csv("old.csv", "email,name,topics\nada@example.org,Ada,\ngrace@example.org,Grace,\n");

        CliRun remove = run("subscribers", "remove", "ada@example.org", "--reason", "asked to be forgotten");
        CliRun imported = run("subscribers", "import", list.toString());
        CliRun added = run("subscribers", "add", "ada@example.org", "--confirmed");
        CliRun show = run("subscribers", "show", "ada@example.org");

        assertThat(remove.out()).startsWith("Removed ada@example.org");
        assertThat(imported.out()).contains("imported 1, updated 0, skipped 1, rejected 0");
        assertThat(imported.err()).contains("line 2: ada@example.org was removed (asked to be forgotten) and is suppressed; not imported");
        assertThat(added.out()).startsWith("Skipped: ada@example.org was removed (asked to be forgotten) and is suppressed");
        assertThat(show.out()).startsWith("ada@example.org is not on the list: it was removed and is suppressed since ");

        CliRun forget = run("subscribers", "remove", "--forget", "ada@example.org");
        assertThat(forget.out()).startsWith("Erased ada@example.org and its suppression entry");
        assertThat(run("subscribers", "import", list.toString()).out()).contains("imported 1, updated 0, skipped 1");
    }

    @Test
    void import_applies_the_opt_outs_of_a_status_column_and_lists_every_skipped_address() throws IOException {
        run("subscribers", "import", csv("first.csv", "email,name,topics\nada@example.org,Ada,\ngrace@example.org,Grace,\n").toString());
        run("subscribers", "unsubscribe", "grace@example.org");

        CliRun sync = run("subscribers", "import", csv("sync.csv", """
                email,status
                ada@example.org,bounced
                grace@example.org,active
                """).toString());

        assertThat(sync.exitCode()).isZero();
        assertThat(sync.err()).contains("line 2: ada@example.org is now bounced (opt-out in the file)",
                "line 3: grace@example.org is unsubscribed; left as it is");
        assertThat(run("subscribers", "list", "--status", "bounced").out()).contains("ada@example.org");
    }

    @Test
    void import_dry_run_reports_what_it_would_do_and_changes_nothing() throws IOException {
        run("subscribers", "add", "ada@example.org", "--confirmed");
        Path file = csv("sync.csv", "email,status\nada@example.org,unsubscribed\ngrace@example.org,\n");

        CliRun dry = run("subscribers", "import", "--dry-run", file.toString());

        assertThat(dry.out()).contains("2 rows: imported 1, updated 1, skipped 0, rejected 0.", "Dry run: nothing was changed.");
        assertThat(dry.err()).contains("line 2: ada@example.org is now unsubscribed (opt-out in the file)");
        assertThat(run("subscribers", "list").out()).contains("ada@example.org", "active", "1 subscriber.");
    }

    @Test
    void without_a_secret_add_works_while_nothing_is_suppressed_and_remove_says_the_list_needs_one() {
        TestEnv bare = TestEnv.sqliteIn(dir).unset("DIGEST_SECRET");

        CliRun add = CliRun.run(bare, "subscribers", "add", "zoe@example.org");
        CliRun remove = CliRun.run(bare, "subscribers", "remove", "zoe@example.org");

        assertThat(add.out()).isEqualTo("Added zoe@example.org (pending).\n");
        assertThat(remove.exitCode()).isEqualTo(2);
        assertThat(remove.err()).contains("DIGEST_SECRET is not set: the suppression list of removed addresses is keyed with it");
    }
}
