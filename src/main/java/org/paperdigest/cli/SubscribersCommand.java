package org.paperdigest.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paperdigest.App;
import org.paperdigest.config.BadInputException;
import org.paperdigest.subscribers.EmailAddress;
import org.paperdigest.subscribers.ImportReport;
import org.paperdigest.subscribers.Names;
import org.paperdigest.subscribers.Subscriber;
import org.paperdigest.subscribers.SubscriberStatus;
import org.paperdigest.subscribers.SubscriberStore;
import org.paperdigest.subscribers.Topics;
import org.paperdigest.subscribers.csv.CsvOptions;
import org.paperdigest.subscribers.csv.CsvRows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "subscribers", mixinStandardHelpOptions = true, description = "Manages the subscriber list.",
        subcommands = {SubscribersCommand.Add.class, SubscribersCommand.Import.class, SubscribersCommand.Export.class,
                SubscribersCommand.ListSubscribers.class, SubscribersCommand.Remove.class})
final class SubscribersCommand implements Runnable {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Adds a subscriber (pending until they confirm, unless --confirmed), or updates name and topics.")
    static final class Add implements Callable<Integer> {
        @ParentCommand
        SubscribersCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "EMAIL")
        String email;

        @Option(names = "--name", paramLabel = "NAME", description = "Display name used in the greeting.")
        String name;

        @Option(names = "--topics", paramLabel = "a,b", description = "Topics to follow (catalog tags); none means all topics.")
        String topics;

        @Option(names = "--confirmed", description = "The address is already confirmed: make it active now.")
        boolean confirmed;

        @Override
        public Integer call() {
            EmailAddress address = EmailAddress.parse(email);
            try (App app = parent.main.app(Map.of())) {
                List<String> topicList;
                try {
                    topicList = Topics.parse(topics, app.catalog().topics());
                } catch (IllegalArgumentException e) {
                    throw new BadInputException("--topics: " + e.getMessage());
                }
                SubscriberStore store = app.subscribers();
                SubscriberStatus status = confirmed ? SubscriberStatus.ACTIVE : SubscriberStatus.PENDING;
                SubscriberStore.Change change = store.save(address, Names.clean(name), topicList, status, "cli");
                Subscriber s = store.find(address).orElseThrow();
                PrintWriter out = spec.commandLine().getOut();
                switch (change) {
                    case CREATED -> out.println("Added " + s.email() + " (" + s.status().code() + ").");
                    case UPDATED -> out.println("Updated " + s.email() + " (" + s.status().code() + ").");
                    case UNCHANGED -> out.println(s.email() + " is already on the list (" + s.status().code() + "); nothing changed.");
                }
                return Main.OK;
            }
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Imports subscribers from a CSV file with the header email,name,topics (topics separated by ;).",
                    "Reads UTF-8, UTF-16 with a byte order mark, and detects other encodings (windows-1252 and the like);"
                            + " the delimiter (, ; or TAB) comes from the header. See subscribers/README.md for the accepted shapes.",
                    "Rows become active subscribers (or, for new readers, take the status of a status column, as in an export).",
                    "Bad rows are reported by line number; good rows are imported anyway.",
                    "Exit status 2 if any row was rejected."})
    static final class Import implements Callable<Integer> {
        @ParentCommand
        SubscribersCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE.csv")
        Path file;

        @Option(names = "--dry-run", description = "Print what the import would do (the same report and counts) and change nothing.")
        boolean dryRun;

        @Option(names = "--encoding", paramLabel = "NAME", description = "Read the file in this encoding (e.g. windows-1252, UTF-8) instead of detecting it.")
        String encoding;

        @Option(names = "--delimiter", paramLabel = "C", description = "Field delimiter: one character, or comma, semicolon, tab (default: from the header).")
        String delimiter;

        @Override
        public Integer call() {
            CsvOptions options = new CsvOptions(encoding, delimiter == null ? null : CsvOptions.delimiter(delimiter));
            PrintWriter out = spec.commandLine().getOut();
            try (App app = parent.main.app(Map.of()); CsvRows rows = CsvRows.open(file, options)) {
                out.println(file + ": " + rows.describe());
                if (!rows.ignoredColumns().isEmpty()) {
                    out.println(file + ": ignored columns: " + String.join(", ", rows.ignoredColumns()));
                }
                out.flush();
                ImportProgress progress = new ImportProgress(spec.commandLine().getErr(), rows, System.console() != null);
                ImportReport report = app.subscriberCsv().importFrom(rows, dryRun, progress);
                progress.finish();
                out.println(file + ": " + rows(rows.dataRows()) + ": " + report.summary()
                        + (rows.blankRows() == 0 ? "" : "; " + rows(rows.blankRows()).replace("row", "empty row") + " ignored") + ".");
                if (dryRun) {
                    out.println("Dry run: nothing was changed.");
                }
                return report.rejected() > 0 ? Main.BAD_INPUT : Main.OK;
            } catch (NoSuchFileException e) {
                throw new BadInputException(file + ": no such file");
            } catch (IOException e) {
                throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
            }
        }

        private static String rows(long n) {
            return n + (n == 1 ? " row" : " rows");
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Writes every subscriber as CSV (email,name,topics,status,created_at) to FILE or stdout.")
    static final class Export implements Callable<Integer> {
        @ParentCommand
        SubscribersCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() {
            try (App app = parent.main.app(Map.of())) {
                if (file == null) {
                    Writer out = spec.commandLine().getOut();
                    app.subscriberCsv().exportTo(out);
                    return Main.OK;
                }
                try (Writer w = new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8)) {
                    int n = app.subscriberCsv().exportTo(w);
                    spec.commandLine().getErr().println("Exported " + n + " subscribers to " + file + ".");
                }
                return Main.OK;
            } catch (IOException e) {
                throw new BadInputException("Cannot write " + file + ": " + e.getMessage(), e);
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists subscribers, optionally only one status.")
    static final class ListSubscribers implements Callable<Integer> {
        @ParentCommand
        SubscribersCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--status", paramLabel = "S", description = "pending, active, unsubscribed or bounced.")
        SubscriberStatus status;

        @Override
        public Integer call() {
            try (App app = parent.main.app(Map.of())) {
                PrintWriter out = spec.commandLine().getOut();
                Table t = new Table("EMAIL", "NAME", "TOPICS", "STATUS", "SINCE");
                int[] n = {0};
                app.subscribers().forEach(status, s -> {
                    t.add(s.email(), s.name(), String.join(",", s.topics()), s.status().code(), DAY.format(since(s)));
                    n[0]++;
                });
                t.print(out);
                out.println(n[0] + " subscriber" + (n[0] == 1 ? "" : "s") + (status == null ? "" : " " + status.code()) + ".");
                return Main.OK;
            }
        }

        private static java.time.Instant since(Subscriber s) {
            return switch (s.status()) {
                case ACTIVE -> s.confirmedAt() != null ? s.confirmedAt() : s.createdAt();
                case UNSUBSCRIBED -> s.unsubscribedAt();
                case BOUNCED -> s.bouncedAt();
                case PENDING -> s.createdAt();
            };
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Deletes a subscriber and their delivery history (to stop mail but keep history, they unsubscribe).")
    static final class Remove implements Callable<Integer> {
        @ParentCommand
        SubscribersCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "EMAIL")
        String email;

        @Override
        public Integer call() {
            EmailAddress address = EmailAddress.parse(email);
            try (App app = parent.main.app(Map.of())) {
                if (!app.subscribers().remove(address)) {
                    throw new BadInputException(address + " is not on the list");
                }
                spec.commandLine().getOut().println("Removed " + address + " and their delivery history.");
                return Main.OK;
            }
        }
    }
}
