package org.paperdigest.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The real {@code paper-digest.jar} in a child process, as an operator would run it, for crash and cluster tests. */
public final class JarProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private JarProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code java -jar paper-digest.jar args} in {@code dir} with exactly the given environment (plus PATH). */
    public static JarProcess start(Path dir, Map<String, String> env, String... args) throws IOException {
        String jar = System.getProperty("paperdigest.jar", "target/paper-digest.jar");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-jar");
        command.add(Path.of(jar).toAbsolutePath().toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().putAll(env);
        Path log = Files.createTempFile(dir, "jar-", ".log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return new JarProcess(pb.start(), log);
    }

    /** SIGKILL: no shutdown hooks, no cleanup, like a power cut of the process. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the polite stop an init system sends. */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the exit code; fails the test if the process does not end in time. */
    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("paper-digest did not exit within " + timeout + "; output:\n" + output());
        }
        return process.exitValue();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Everything the process printed so far (stdout and stderr). */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** Waits until the output contains {@code text}. */
    public void awaitOutput(String text, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (output().contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("paper-digest exited before printing '" + text + "':\n" + output());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("paper-digest did not print '" + text + "' within " + timeout + ":\n" + output());
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
