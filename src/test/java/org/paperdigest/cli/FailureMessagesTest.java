package org.paperdigest.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.db.DataAccessException;
import org.paperdigest.testing.CliRun;
import org.paperdigest.testing.TestEnv;

/** Disk full, database gone, permission denied: one line saying what and where, exit 1, no stack trace. */
class FailureMessagesTest {
    @TempDir
    Path dir;

    private Path csvOf(int readers) throws IOException {
        String rows = IntStream.rangeClosed(1, readers).mapToObj(i -> "reader" + i + "@example.org,Reader " + i + ",")
                .collect(Collectors.joining("\n"));
        return Files.writeString(dir.resolve("readers.csv"), "email,name,topics\n" + rows + "\n");
    }

    private static void assertOneLine(CliRun run) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.FAILURE);
        assertThat(run.err().strip().lines()).as(run.err()).hasSize(1);
        assertThat(run.err()).doesNotContain("\tat ", "Exception:", "internal error");
    }

    /** Mounts a small tmpfs (a real file system that fills up), where the test runs as root; else skips. */
    private Path smallDisk() throws Exception {
        return smallDisk("256k");
    }

    private Path smallDisk(String size) throws Exception {
        Path mount = Files.createDirectories(dir.resolve("small-disk"));
        assumeTrue(command("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mount.toString()), "cannot mount a tmpfs here");
        mounted = mount;
        return mount;
    }

    private Path mounted;

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            command("umount", mounted.toString());
        }
    }

    private static boolean command(String... args) throws Exception {
        try {
            Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void a_full_disk_under_the_database_says_so_and_where_in_one_line() throws Exception {
        Path disk = smallDisk();
        TestEnv env = TestEnv.sqliteIn(disk);

        CliRun run = CliRun.run(env, "subscribers", "import", csvOf(6000).toString());

        assertOneLine(run);
        assertThat(run.err()).startsWith("error: the disk is full at " + disk.resolve("digest.db") + " (").contains("free some space");
    }

    @Test
    void a_full_disk_under_an_output_file_says_so_and_where() {
        assumeTrue(Files.isWritable(Path.of("/dev/full")), "no /dev/full here");

        CliRun run = CliRun.run(TestEnv.sqliteIn(dir), "preview", "--out", "/dev/full");

        assertOneLine(run);
        assertThat(run.err()).startsWith("error: the disk is full at ").contains("free some space");
    }

    @Test
    void a_read_only_database_says_permission_denied_and_where() throws Exception {
        Path disk = smallDisk("8m"); // room for a new database with the catalog in it
        TestEnv env = TestEnv.sqliteIn(disk);
        assertThat(CliRun.run(env, "subscribers", "add", "first@example.org", "--confirmed").exitCode()).isZero();
        assumeTrue(command("mount", "-o", "remount,ro", disk.toString()), "cannot remount read-only");

        CliRun run = CliRun.run(env, "subscribers", "add", "second@example.org", "--confirmed");

        assertOneLine(run);
        assertThat(run.err()).startsWith("error: ").containsAnyOf("permission denied at " + disk, "the database cannot be reached at " + disk);
    }

    @Test
    void a_database_server_that_is_gone_says_so_without_the_password() throws IOException {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        TestEnv env = TestEnv.sqliteIn(dir).set("DIGEST_DB_URL",
                "jdbc:postgresql://127.0.0.1:" + closedPort + "/digest?user=app&password=hunter2&connectTimeout=2");

        CliRun run = CliRun.run(env, "subscribers", "list");

        assertOneLine(run);
        assertThat(run.err()).contains("127.0.0.1:" + closedPort, "password=***").doesNotContain("hunter2");
    }

    @Test
    void each_kind_is_recognised_anywhere_in_the_causes() {
        String db = "subscribers/digest.db";

        assertThat(Failures.explain(new DataAccessException("Database transaction failed",
                new SQLException("[SQLITE_FULL] Insertion failed because database is full (database or disk is full)")), db))
                .hasValueSatisfying(m -> assertThat(m).startsWith("the disk is full at subscribers/digest.db ("));
        assertThat(Failures.explain(new RuntimeException(new FileSystemException("out/demo/01.eml", null, "No space left on device")), db))
                .hasValue("the disk is full at out/demo/01.eml (No space left on device); free some space and run the command again;"
                        + " nothing was lost (a send resumes where it stopped)");
        assertThat(Failures.explain(new RuntimeException(new AccessDeniedException("/var/lib/paper-digest/digest.db")), db))
                .hasValueSatisfying(m -> assertThat(m).startsWith("permission denied at /var/lib/paper-digest/digest.db (AccessDeniedException)"));
        assertThat(Failures.explain(new DataAccessException("Database access failed",
                new SQLException("This connection has been closed.", "08003")), db))
                .hasValueSatisfying(m -> assertThat(m).startsWith("the database cannot be reached at subscribers/digest.db ("));
        assertThat(Failures.explain(new IllegalStateException("a bug"), db)).isEmpty();
        assertThat(Failures.explain(new RuntimeException("Cannot connect to the SMTP server 127.0.0.1:25",
                new java.net.ConnectException("Connection refused")), db)).isEmpty();
    }
}
