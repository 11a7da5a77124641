package org.paperdigest.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import org.paperdigest.cli.Main;
import picocli.CommandLine;

/** Runs the real command line in-process against a test configuration and keeps what it printed. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun run(TestEnv env, String... args) {
        return run(env, Clock.systemUTC(), args);
    }

    public static CliRun run(TestEnv env, Clock clock, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine(new Main(overrides -> env.env().with(overrides), clock));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
