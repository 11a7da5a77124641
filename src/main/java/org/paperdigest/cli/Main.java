package org.paperdigest.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.paperdigest.App;
import org.paperdigest.config.BadInputException;
import org.paperdigest.config.Config;
import org.paperdigest.config.Env;
import org.paperdigest.config.Secrets;
import org.paperdigest.db.DatabaseUnavailableException;
import org.paperdigest.mail.MailConfigurationException;
import org.paperdigest.mail.MailServerUnavailableException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code paper-digest} command line. Exit codes: 0 success, 1 runtime failure, 2 bad input or configuration. */
@Command(name = "paper-digest",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Self-hosted newsletter: picks papers from a catalog, renders a digest and sends it over SMTP.",
        subcommands = {
                DemoCommand.class,
                SendCommand.class,
                PreviewCommand.class,
                SubscribersCommand.class,
                CatalogCommand.class,
                IssuesCommand.class,
                RunCommand.class,
                DkimCommand.class,
                LintCommand.class,
                BouncesCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int BAD_INPUT = 2;

    private final Function<Map<String, String>, Env> environment;
    private final Clock clock;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Reads configuration from the real environment and ./.env. */
    public Main() {
        this(overrides -> Env.load(java.nio.file.Path.of(".env"), System.getenv(), overrides), Clock.systemUTC());
    }

    /** Reads configuration through {@code environment} (tests pass a fixed Env). */
    public Main(Function<Map<String, String>, Env> environment, Clock clock) {
        this.environment = environment;
        this.clock = clock;
    }

    public static void main(String[] args) {
        CommandLine cl = commandLine(new Main());
        // UTF-8 whatever the locale: under cron or `env -i` (POSIX locale) Java would print every
        // non-ASCII character of a subject, name or title as '?'.
        cl.setOut(utf8(FileDescriptor.out));
        cl.setErr(utf8(FileDescriptor.err));
        int code = cl.execute(args);
        cl.getOut().flush();
        cl.getErr().flush();
        System.exit(code);
    }

    private static PrintWriter utf8(FileDescriptor fd) {
        return new PrintWriter(new OutputStreamWriter(new FileOutputStream(fd), StandardCharsets.UTF_8), true);
    }

    /** Builds the picocli command line with paper-digest's error handling and exit codes. */
    public static CommandLine commandLine(Main main) {
        CommandLine cl = new CommandLine(main);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            int code = exitCode(ex);
            Optional<String> known = code == FAILURE ? Failures.explain(ex, main.databaseLocation()) : Optional.empty();
            // One line, credentials masked; the stack trace only with LOG_LEVEL=debug.
            err.println("error: " + Secrets.mask(known.orElseGet(() -> message(ex))));
            if (code == FAILURE && !(ex instanceof DatabaseUnavailableException) && !(ex instanceof MailServerUnavailableException)
                    && !(ex instanceof MailConfigurationException)) {
                LoggerFactory.getLogger(Main.class).debug("Command failed", ex);
            }
            err.flush();
            return code;
        });
        return cl;
    }

    static int exitCode(Throwable ex) {
        if (ex instanceof BadInputException || ex instanceof MailConfigurationException) {
            return BAD_INPUT;
        }
        return FAILURE;
    }

    private static String message(Throwable ex) {
        String m = ex.getMessage();
        return m == null || m.isBlank() ? ex.toString() : m;
    }

    /** Where the database is (DIGEST_DB_URL, credentials masked), for failures that name no file. */
    String databaseLocation() {
        String url;
        try {
            url = environment.apply(Map.of()).get("DIGEST_DB_URL").orElse(Config.DEFAULT_DB_URL);
        } catch (RuntimeException e) {
            url = Config.DEFAULT_DB_URL;
        }
        return Secrets.mask(url.startsWith("jdbc:sqlite:") ? url.substring("jdbc:sqlite:".length()) : url);
    }

    /** Opens the application with configuration from the environment, .env and {@code overrides} (CLI flags). */
    App app(Map<String, String> overrides) {
        return new App(Config.from(environment.apply(overrides)), clock);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"paper-digest " + (v == null ? "development build" : v)};
        }
    }
}
