package org.paperdigest.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.paperdigest.App;
import org.paperdigest.render.RenderedEmail;
import org.paperdigest.subscribers.EmailAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "preview", mixinStandardHelpOptions = true,
        description = "Renders the next issue without sending it: HTML (default) or plain text, to stdout or a file.")
final class PreviewCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--subscriber", paramLabel = "EMAIL",
            description = "Render as this subscriber gets it (their name, topics and history); default: a new reader.")
    String subscriber;

    @Option(names = "--text", description = "Print the plain-text part instead of the HTML.")
    boolean text;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of stdout.")
    Path out;

    @Override
    public Integer call() {
        Optional<EmailAddress> who = Optional.ofNullable(subscriber).map(EmailAddress::parse);
        try (App app = open()) {
            RenderedEmail email = app.sendService().preview(who);
            String body = text ? email.text() : email.html();
            PrintWriter stdout = spec.commandLine().getOut();
            if (out == null) {
                stdout.print(body);
                stdout.flush();
                return Main.OK;
            }
            try {
                if (out.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(out.toAbsolutePath().getParent());
                }
                Files.writeString(out, body, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write " + out + ": " + e.getMessage(), e);
            }
            stdout.printf(Locale.ROOT, "Wrote the %s preview to %s (subject: \"%s\", %.1f KB).%n",
                    text ? "text" : "HTML", out, email.subject(), body.getBytes(StandardCharsets.UTF_8).length / 1024.0);
            return Main.OK;
        }
    }

    /** Opens the app; a preview's links are never sent, so without DIGEST_SECRET a placeholder signs them. */
    private App open() {
        App app = main.app(Map.of());
        if (app.config().digest().secret() != null) {
            return app;
        }
        app.close();
        return main.app(Map.of("DIGEST_SECRET", "preview-placeholder-secret"));
    }
}
