package org.paperdigest.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.paperdigest.App;
import org.paperdigest.config.BadInputException;
import org.paperdigest.delivery.PreSendLint;
import org.paperdigest.mail.Letter;
import org.paperdigest.mail.LintCheck;
import org.paperdigest.mail.MessageLint;
import org.paperdigest.subscribers.EmailAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {"Checks the next digest, or a saved .eml file, for what gets mail filtered, binned or clipped.",
                "Builds every reader's digest as `send` would (each distinct message once); prints one line per check:"
                        + " PASS, WARN or FAIL (the worst over all readers), and the readers a FAIL hits. Exit status 1 on any FAIL.",
                "`send` runs the same checks first and refuses to start on a FAIL (unless --force)."})
final class LintCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--subscriber", paramLabel = "EMAIL",
            description = "Check only the message this subscriber would get; default: every reader's.")
    String subscriber;

    @Parameters(arity = "0..1", paramLabel = "FILE.eml", description = "A saved message to check instead of the next digest.")
    Path file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (App app = openApp()) {
            byte[] raw;
            if (file != null) {
                raw = read(file);
                out.println("Checking " + file + ":");
            } else if (subscriber == null) {
                PreSendLint.Report report = app.preSendLint().check();
                if (report.readers() > 0) {
                    out.println("Checking issue " + report.issue() + (report.readers() == 1 ? " as its one reader would get it"
                            : " as each of its " + report.readers() + " readers would get it (" + report.shapes()
                            + (report.shapes() == 1 ? " distinct message" : " distinct messages") + ")") + ":");
                    report.checks().forEach(c -> out.println(c.line()));
                    report.failures().forEach(f -> out.println(failingReaders(f)));
                    out.println(summary(report.checks()));
                    return report.failed() ? Main.FAILURE : Main.OK;
                }
                Letter letter = app.sendService().previewLetter(Optional.empty());
                raw = app.mailer().mime().toBytes(letter);
                out.println("Nobody would get the next issue yet; checking it as a new reader would get it:");
            } else {
                Letter letter = app.sendService().previewLetter(Optional.of(EmailAddress.parse(subscriber)));
                raw = app.mailer().mime().toBytes(letter);
                out.println("Checking the next issue as " + letter.to() + " would get it:");
            }
            List<LintCheck> checks = app.messageLint().check(raw);
            checks.forEach(c -> out.println(c.line()));
            if (file == null) {
                // Not a mail check, but the one thing that stops a digest quietly: nothing left to send.
                String dry = app.runway().next().warning();
                if (dry != null) {
                    out.println("WARN  catalog: " + dry);
                }
            }
            out.println(summary(checks));
            return MessageLint.failed(checks) ? Main.FAILURE : Main.OK;
        }
    }

    /**
     * Lints every reader's message of the next issue before a send; prints the failing checks and
     * the readers they hit, and returns true if the send must not start. {@code send} calls this
     * unless given {@code --force}.
     */
    static boolean refusesToSend(App app, PrintWriter err) {
        PreSendLint.Report report = app.preSendLint().check();
        List<LintCheck> checks = report.checks();
        if (report.readers() == 0) {
            Letter letter = app.sendService().previewLetter(Optional.empty());
            checks = app.messageLint().check(app.mailer().mime().toBytes(letter));
        }
        if (!MessageLint.failed(checks)) {
            return false;
        }
        err.println("error: not sending: `lint` finds problems that make mail filters reject, bin or clip the digest:");
        checks.stream().filter(c -> c.verdict() == LintCheck.Verdict.FAIL).forEach(c -> err.println("  " + c.line()));
        report.failures().forEach(f -> err.println("  " + failingReaders(f)));
        err.println("Fix them (run `paper-digest lint` for all checks), or send anyway with --force.");
        return true;
    }

    /** {@code html-size fails for 2 readers: bob@example.org, carol@example.org}. */
    static String failingReaders(PreSendLint.Finding f) {
        long more = f.readers() - f.named().size();
        return f.check().name() + " fails for " + f.readers() + (f.readers() == 1 ? " reader: " : " readers: ")
                + String.join(", ", f.named()) + (more > 0 ? " and " + more + " more" : "");
    }

    static String summary(List<LintCheck> checks) {
        long pass = checks.stream().filter(c -> c.verdict() == LintCheck.Verdict.PASS).count();
        long warn = checks.stream().filter(c -> c.verdict() == LintCheck.Verdict.WARN).count();
        long fail = checks.stream().filter(c -> c.verdict() == LintCheck.Verdict.FAIL).count();
        return "lint: " + pass + " PASS, " + warn + " WARN, " + fail + " FAIL";
    }

    /** Opens the app; like `preview`, a missing DIGEST_SECRET is replaced by a placeholder, since nothing is sent. */
    private App openApp() {
        App app = main.app(Map.of());
        if (app.config().digest().secret() != null) {
            return app;
        }
        app.close();
        return main.app(Map.of("DIGEST_SECRET", "preview-placeholder-secret"));
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
