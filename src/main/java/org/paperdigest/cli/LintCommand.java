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
        description = {"Checks the next digest, or a saved .eml file, for what gets mail filtered or binned.",
                "Builds the digest as `send` would; prints one line per check: PASS, WARN or FAIL. Exit status 1 on any FAIL.",
                "`send` runs the same checks first and refuses to start on a FAIL (unless --force)."})
final class LintCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--subscriber", paramLabel = "EMAIL",
            description = "Check the message this subscriber would get; default: a new reader.")
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
            } else {
                Optional<EmailAddress> who = Optional.ofNullable(subscriber).map(EmailAddress::parse);
                Letter letter = app.sendService().previewLetter(who);
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
     * Lints the next issue before a send; prints the failing checks and returns true if the send
     * must not start. {@code send} calls this unless given {@code --force}.
     */
    static boolean refusesToSend(App app, PrintWriter err) {
        Letter letter = app.sendService().previewLetter(Optional.empty());
        List<LintCheck> checks = app.messageLint().check(app.mailer().mime().toBytes(letter));
        if (!MessageLint.failed(checks)) {
            return false;
        }
        err.println("error: not sending: `lint` finds problems that make mail filters reject or bin the digest:");
        checks.stream().filter(c -> c.verdict() == LintCheck.Verdict.FAIL).forEach(c -> err.println("  " + c.line()));
        err.println("Fix them (run `paper-digest lint` for all checks), or send anyway with --force.");
        return true;
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
