package org.paperdigest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.testing.JarProcess;

/** The real jar under cron's environment: no LANG, so Java's default console encoding is ASCII. */
class CliOutputIT {
    @TempDir
    Path dir;

    @Test
    void names_print_as_written_without_a_locale() throws Exception {
        Map<String, String> env = Map.of("DIGEST_DB_URL", "jdbc:sqlite:" + dir.resolve("digest.db"));
        // Java decodes its arguments by the locale, so the name goes in under a UTF-8 one...
        Map<String, String> utf8 = new java.util.HashMap<>(env);
        utf8.put("LANG", "C.UTF-8");
        try (JarProcess add = JarProcess.start(dir, utf8, "subscribers", "add", "zoe@example.org", "--name", "Zoë Ångström")) {
            assertThat(add.waitFor(Duration.ofSeconds(60))).as(add.output()).isZero();
        }
        // ...and comes out intact with none.
        try (JarProcess list = JarProcess.start(dir, env, "subscribers", "list")) {
            assertThat(list.waitFor(Duration.ofSeconds(60))).isZero();
            assertThat(list.output()).contains("zoe@example.org").contains("Zoë Ångström");
        }
    }
}
