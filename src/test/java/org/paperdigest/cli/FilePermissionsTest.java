package org.paperdigest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.App;
import org.paperdigest.subscribers.EmailAddress;
import org.paperdigest.subscribers.SubscriberStatus;
import org.paperdigest.testing.CliRun;
import org.paperdigest.testing.TestClock;
import org.paperdigest.testing.TestEnv;

/** The files that hold subscribers and keys are readable by their owner only, whatever the umask. */
class FilePermissionsTest {
    @TempDir
    Path dir;

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void the_sqlite_database_and_its_side_files_are_owner_only() throws Exception {
        TestEnv env = TestEnv.sqliteIn(dir);
        try (App app = new App(env.config(), TestClock.at("2026-07-01T10:00:00Z"))) {
            app.consent().add(EmailAddress.parse("ada@example.org"), "Ada", java.util.List.of(), true, org.paperdigest.subscribers.Consent.Source.CLI);

            Path db = dir.resolve("digest.db");
            assertThat(mode(db)).isEqualTo("rw-------");
            for (String side : new String[] {"digest.db-wal", "digest.db-shm"}) {
                if (Files.exists(dir.resolve(side))) {
                    assertThat(mode(dir.resolve(side))).as(side).isEqualTo("rw-------");
                }
            }
        }
    }

    @Test
    void a_database_made_world_readable_before_is_made_owner_only_at_open() throws Exception {
        Path db = Files.createFile(dir.resolve("digest.db"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));

        try (App app = new App(TestEnv.sqliteIn(dir).config(), TestClock.at("2026-07-01T10:00:00Z"))) {
            app.subscribers().countByStatus();
        }

        assertThat(mode(db)).isEqualTo("rw-------");
    }

    @Test
    void a_subscribers_export_file_is_owner_only() throws Exception {
        Path export = dir.resolve("readers.csv");

        CliRun run = CliRun.run(TestEnv.sqliteIn(dir), "subscribers", "export", export.toString());

        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(mode(export)).isEqualTo("rw-------");
    }

    @Test
    void a_dkim_private_key_is_owner_only() throws Exception {
        Path keys = dir.resolve("keys");

        CliRun run = CliRun.run(TestEnv.sqliteIn(dir), "dkim", "keygen", "--selector", "digest2026", "--domain", "example.org",
                "--out", keys.toString());

        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(mode(keys.resolve("digest2026.private.pem"))).isEqualTo("rw-------");
    }
}
