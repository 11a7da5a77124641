package org.paperdigest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release tarball of `mvn package`, unpacked as a self-hoster would, and its launcher run from it. */
class PackagingIT {
    @TempDir
    Path dir;

    private Path home;
    private Path work;

    @BeforeEach
    void unpack() throws Exception {
        Path tarball = Path.of(System.getProperty("paperdigest.tarball", "target/paper-digest-0.1.0-SNAPSHOT.tar.gz"));
        assertThat(tarball).exists();
        Result tar = run(dir, Map.of(), "tar", "-xzf", tarball.toAbsolutePath().toString());
        assertThat(tar.exitCode()).as(tar.output()).isZero();
        String name = tarball.getFileName().toString().replace(".tar.gz", "");
        home = dir.resolve(name);
        work = Files.createDirectories(dir.resolve("work"));
    }

    @Test
    void the_tarball_holds_launcher_jar_templates_example_configuration_and_service_unit() throws IOException {
        assertThat(home.resolve("bin/paper-digest")).isRegularFile();
        assertThat(Files.getPosixFilePermissions(home.resolve("bin/paper-digest"))).contains(PosixFilePermission.OWNER_EXECUTE,
                PosixFilePermission.OTHERS_EXECUTE);
        assertThat(home.resolve("lib/paper-digest.jar")).isRegularFile();
        assertThat(home.resolve("templates/digest.html.mustache")).isRegularFile();
        assertThat(home.resolve("templates/partials/paper.html.mustache")).isRegularFile();
        assertThat(home.resolve(".env.example")).hasSameTextualContentAs(Path.of(".env.example"));
        assertThat(Files.readString(home.resolve("paper-digest.service"))).contains("Restart=on-failure",
                "EnvironmentFile=/etc/paper-digest/paper-digest.env", "User=paper-digest", "UMask=0077",
                "ExecStart=/opt/paper-digest/bin/paper-digest run");
    }

    @Test
    void demo_runs_from_the_unpacked_tarball_with_the_send_options() throws Exception {
        // The JVM prints the flags it runs with: those the launcher chose for `demo`.
        Result demo = run(work, Map.of("JDK_JAVA_OPTIONS", "-XX:+PrintCommandLineFlags"),
                home.resolve("bin/paper-digest").toString(), "demo");

        assertThat(demo.exitCode()).as(demo.output()).isZero();
        assertThat(demo.output()).contains("Sent issue 1 to 5 subscribers through GreenMail", "Wrote 5 messages");
        assertThat(demo.output()).contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:MaxHeapSize=100663296");
        assertThat(work.resolve("out/demo/index.html")).isRegularFile();
    }

    @Test
    void java_opts_replaces_the_launchers_options_and_a_link_to_the_launcher_works() throws Exception {
        Result tiny = run(work, Map.of("JAVA_OPTS", "-Xmx1m"), home.resolve("bin/paper-digest").toString(), "--version");
        assertThat(tiny.exitCode()).isNotZero();
        assertThat(tiny.output()).contains("Too small maximum heap");

        Path link = Files.createSymbolicLink(work.resolve("paper-digest"), home.resolve("bin/paper-digest"));
        Result version = run(work, Map.of(), link.toString(), "--version");
        assertThat(version.exitCode()).as(version.output()).isZero();
        assertThat(version.output()).startsWith("paper-digest 0.");
    }

    @Test
    void a_commands_first_run_writes_a_class_data_archive_that_its_later_runs_load_classes_from() throws Exception {
        Path userHome = Files.createDirectories(dir.resolve("home"));
        Map<String, String> env = Map.of("HOME", userHome.toString());
        String launcher = home.resolve("bin/paper-digest").toString();
        Path cache = userHome.resolve(".cache/paper-digest");

        Result first = run(work, env, launcher, "dkim", "keygen", "--selector", "s1", "--domain", "example.org", "--out", "keys1");
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).doesNotContainIgnoringCase("warning").doesNotContainIgnoringCase("cds");
        List<Path> archives;
        try (var files = Files.list(cache)) {
            archives = files.toList();
        }
        assertThat(archives).singleElement().satisfies(a -> assertThat(a.getFileName().toString()).matches("dkim-\\d+\\.jsa"));

        // The JVM says where each class came from: the archive, on the second run.
        Map<String, String> traced = Map.of("HOME", userHome.toString(), "JDK_JAVA_OPTIONS", "-Xlog:class+load=info");
        Result second = run(work, traced, launcher, "dkim", "keygen", "--selector", "s2", "--domain", "example.org", "--out", "keys2");
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output()).containsPattern("org\\.paperdigest\\.cli\\.\\S+ source: shared objects file \\(top\\)");
        assertThat(work.resolve("keys2")).isDirectory();

        Path otherHome = Files.createDirectories(dir.resolve("home-off"));
        Result off = run(work, Map.of("HOME", otherHome.toString(), "PAPER_DIGEST_CDS", "off"), launcher,
                "dkim", "keygen", "--selector", "s3", "--domain", "example.org", "--out", "keys3");
        assertThat(off.exitCode()).as(off.output()).isZero();
        assertThat(otherHome.resolve(".cache/paper-digest")).doesNotExist();
    }

    @Test
    void the_service_unit_passes_systemd_analyze_verify() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")), "systemd-analyze is not installed");
        Path unit = work.resolve("paper-digest.service");
        Files.writeString(unit, Files.readString(home.resolve("paper-digest.service"))
                .replace("/opt/paper-digest/bin/paper-digest", home.resolve("bin/paper-digest").toString()), StandardCharsets.UTF_8);

        Result verify = run(work, Map.of(), "/usr/bin/systemd-analyze", "verify", unit.toString());

        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(verify.output()).doesNotContain(unit.getFileName().toString() + ":");
    }

    private record Result(int exitCode, String output) {}

    /** Runs a program in {@code cwd} with a bare environment (PATH, JAVA_HOME and {@code env}), as cron or systemd would. */
    private static Result run(Path cwd, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of(command)).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().putAll(env);
        Path log = Files.createTempFile(cwd, "run-", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 3 minutes:\n" + Files.readString(log));
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
