package org.paperdigest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.testing.CliRun;
import org.paperdigest.testing.TestEnv;

class RunWithoutSecretTest {
    @TempDir
    Path dir;

    @Test
    void run_refuses_to_start_without_digest_secret() {
        CliRun run = CliRun.run(TestEnv.sqliteIn(dir).unset("DIGEST_SECRET").set("HTTP_PORT", "0"), "run");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("DIGEST_SECRET is not set");
    }

    @Test
    void run_refuses_to_start_with_a_well_known_placeholder_secret() {
        CliRun run = CliRun.run(TestEnv.sqliteIn(dir).set("DIGEST_SECRET", "changeme").set("HTTP_PORT", "0"), "run");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("DIGEST_SECRET is too weak", "openssl rand -hex 32");
    }
}
