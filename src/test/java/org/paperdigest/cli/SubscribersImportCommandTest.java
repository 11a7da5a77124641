package org.paperdigest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.testing.CliRun;
import org.paperdigest.testing.TestEnv;

class SubscribersImportCommandTest {
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    @TempDir
    Path dir;

    private TestEnv env;

    @BeforeEach
    void setUp() {
        env = TestEnv.sqliteIn(dir);
    }

    @Test
    void says_which_encoding_and_delimiter_it_read_the_file_with() throws IOException {
        Path csv = write("excel.csv", "Email;Name\r\nrene@example.org;René\r\n;\r\n".getBytes(WINDOWS_1252));

        CliRun run = CliRun.run(env, "subscribers", "import", csv.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(csv + ": read as windows-1252 (detected; --encoding overrides),"
                + " delimiter ';' (from the header)\n"
                + csv + ": 1 row: imported 1, updated 0, skipped 0, rejected 0; 1 empty row ignored.\n");
        assertThat(CliRun.run(env, "subscribers", "list").out()).contains("René");
    }

    @Test
    void encoding_and_delimiter_options_override_detection() throws IOException {
        Path csv = write("list.csv", "email|name\nzoe@example.org|Zoë\n".getBytes(StandardCharsets.ISO_8859_1));

        CliRun run = CliRun.run(env, "subscribers", "import", "--encoding", "ISO-8859-1", "--delimiter", "|", csv.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith(csv + ": read as ISO-8859-1 (--encoding), delimiter '|' (--delimiter)\n");
        assertThat(CliRun.run(env, "subscribers", "list").out()).contains("Zoë");
    }

    @Test
    void a_dry_run_prints_the_same_report_and_changes_nothing() throws IOException {
        Path csv = write("list.csv", "email,name,Phone\nada@example.org,Ada,1\nbad,,2\nADA@example.org,Ada,3\n"
                .getBytes(StandardCharsets.UTF_8));

        CliRun dry = CliRun.run(env, "subscribers", "import", "--dry-run", csv.toString());

        assertThat(dry.exitCode()).isEqualTo(2);
        assertThat(CliRun.run(env, "subscribers", "list").out()).contains("0 subscribers.");
        CliRun real = CliRun.run(env, "subscribers", "import", csv.toString());
        assertThat(dry.err()).isEqualTo(real.err()).isEqualTo(
                csv + " line 3: 'bad' is not a valid email address: it must contain exactly one @ with text on both sides\n"
                        + csv + " line 4: ADA@example.org is already on line 2\n");
        assertThat(dry.out()).isEqualTo(real.out() + "Dry run: nothing was changed.\n");
        assertThat(real.out()).contains(csv + ": ignored columns: Phone\n", csv + ": 3 rows: imported 1, updated 0, skipped 0, rejected 2.\n");
    }

    @Test
    void a_repeated_column_exits_2_naming_the_header() throws IOException {
        Path csv = write("list.csv", "Email Address,name,email\nada@example.org,Ada,ada@example.org\n".getBytes(StandardCharsets.UTF_8));

        CliRun run = CliRun.run(env, "subscribers", "import", csv.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: " + csv + " line 1: the column 'email' (column 3) repeats the email column"
                + " 'Email Address' (column 1); keep one of them\n");
    }

    @Test
    void an_unknown_encoding_name_is_bad_input() throws IOException {
        Path csv = write("list.csv", "email\nada@example.org\n".getBytes(StandardCharsets.UTF_8));

        CliRun run = CliRun.run(env, "subscribers", "import", "--encoding", "klingon", csv.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: --encoding klingon: unknown encoding");
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }
}
