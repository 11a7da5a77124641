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
import java.util.Objects;
import java.util.concurrent.Callable;
import org.paperdigest.App;
import org.paperdigest.config.BadInputException;
import org.paperdigest.subscribers.Consent;
import org.paperdigest.db.PrivateFiles;
import org.paperdigest.subscribers.EmailAddress;
import org.paperdigest.subscribers.ImportReport;
import org.paperdigest.subscribers.Names;
import org.paperdigest.subscribers.Subscriber;
import org.paperdigest.subscribers.SubscriberStatus;
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
                SubscribersCommand.ListSubscribers.class, SubscribersCommand.Remove.class, SubscribersCommand.Unsubscribe.class,
                SubscribersCommand.Show.class})
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
            description = {"Adds a subscriber (pending until they confirm, unless --confirmed), or updates the name and",
                    "topics given of one already on the list (an option left out keeps the stored value).",
                    "Never brings back a reader who left or was removed, and never confirms a pending one:",
                    "only their own (fresh) double opt-in does."})
    static final class Add implements Callable<Integer> {
        @ParentCommand
        SubscribersCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "EMAIL")
        String email;

        @Option(names = "--name", paramLabel = "NAME", description = "Display name used in the greeting (\"\" clears it).")
        String name;

        @Option(names = "--topics", paramLabel = "a,b", description = "Topics to follow (catalog tags); \"\" means all topics.")
        String topics;

        @Option(names = "--confirmed", description = "A new address is already confirmed (opted in elsewhere): make it active now.")
        boolean confirmed;

        @Override
        public Integer call() {
            EmailAddress address = EmailAddress.parse(email);
            try (App app = parent.main.app(Map.of())) {
                List<String> topicList;
                try {
                    topicList = topics == null ? null : Topics.parse(topics, app.catalog().topics());
                } catch (IllegalArgumentException e) {
                    throw new BadInputException("--topics: " + e.getMessage());
                }
                String cleanName = name == null ? null : Objects.requireNonNullElse(Names.clean(name), "");
                Consent.Added added = app.consent().add(address, cleanName, topicList, confirmed, Consent.Source.CLI);
                PrintWriter out = spec.commandLine().getOut();
                if (added instanceof Consent.Created c) {
                    out.println("Added " + c.subscriber().email() + " (" + c.subscriber().status().code() + ").");
                } else if (added instanceof Consent.Updated u) {
                    out.println("Updated " + u.subscriber().email() + " (" + u.subscriber().status().code() + ").");
                } else if (added instanceof Consent.Unchanged u) {
                    out.println(u.subscriber().email() + " is already on the list (" + u.subscriber().status().code()
                            + "); nothing changed.");
                } else if (added instanceof Consent.Skipped skipped) {
                    out.println("Skipped: " + skipped.reason() + ".");
                }
                return Main.OK;
            }
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Imports subscribers from a CSV file with the header email,name,topics (topics separated by ;),",
                    "and optionally status,created_at,confirmed_at,unsubscribed_at,bounced_at,source (as an export writes).",
                    "Reads UTF-8, UTF-16 with a byte order mark, and detects other encodings (windows-1252 and the like);"
                            + " the delimiter (, ; or TAB) comes from the header. See subscribers/README.md for the accepted shapes.",
                    "New readers arrive active (or with the file's status and dates); readers already here get only the",
                    "columns the file has. unsubscribed/bounced/complained in the status column are applied (an opt-out",
                    "sync); active never brings back a reader who left. Skipped suppressed or opted-out addresses are listed.",
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
            description = {"Writes every subscriber as CSV to FILE or stdout: email,name,topics,status,created_at,confirmed_at,",
                    "unsubscribed_at,bounced_at,source (times in ISO-8601 UTC). It imports back exactly."})
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
                try (Writer w = new OutputStreamWriter(PrivateFiles.newOutputStream(file), StandardCharsets.UTF_8)) {
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

        @Option(names = "--status", paramLabel = "S", description = "pending, active, unsubscribed, bounced or complained.")
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
                case UNSUBSCRIBED, COMPLAINED -> s.unsubscribedAt();
                case BOUNCED -> s.bouncedAt();
                case PENDING -> s.createdAt();
            };
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = {"Erases a subscriber's personal data (name, topics, history, deliveries, bounces) but keeps the",
                    "address on the suppression list (a keyed hash, the reason and the date), so no import, add or old link",
                    "brings it back; the person can still return by their own double opt-in.",
                    "--forget also erases the suppression entry (GDPR erasure): afterwards nothing remembers that the",
                    "address opted out, and a later import or add can put it on the list again."})
    static final class Remove implements Callable<Integer> {
        @ParentCommand
        SubscribersCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "EMAIL")
        String email;

        @Option(names = "--forget", description = "Erase the suppression entry too (GDPR erasure).")
        boolean forget;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why, kept with the suppression entry.")
        String reason;

        @Override
        public Integer call() {
            EmailAddress address = EmailAddress.parse(email);
            try (App app = parent.main.app(Map.of())) {
                PrintWriter out = spec.commandLine().getOut();
                if (forget) {
                    if (!app.consent().forget(address)) {
                        throw new BadInputException(address + " is neither on the list nor on the suppression list");
                    }
                    out.println("Erased " + address + " and its suppression entry: nothing remembers that it opted out,"
                            + " so an import or add can bring it back.");
                    return Main.OK;
                }
                boolean wasOnList = app.consent().remove(address, reason);
                out.println(wasOnList ? "Removed " + address + " (personal data, history and deliveries erased); the address"
                        + " stays on the suppression list." : address + " is not on the list; it is on the suppression list.");
                return Main.OK;
            }
        }
    }

    @Command(name = "unsubscribe", mixinStandardHelpOptions = true,
            description = "Records an opt-out received elsewhere (phone, letter): the reader gets no more mail.")
    static final class Unsubscribe implements Callable<Integer> {
        @ParentCommand
        SubscribersCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "EMAIL")
        String email;

        @Option(names = "--reason", paramLabel = "TEXT", description = "How the opt-out arrived, kept in the history.")
        String reason;

        @Override
        public Integer call() {
            EmailAddress address = EmailAddress.parse(email);
            try (App app = parent.main.app(Map.of())) {
                Subscriber s = app.subscribers().find(address)
                        .orElseThrow(() -> new BadInputException(address + " is not on the list"));
                boolean changed = app.consent().unsubscribeByOperator(address, reason);
                spec.commandLine().getOut().println(changed ? "Unsubscribed " + s.email() + "."
                        : s.email() + " is " + s.status().code() + " already; nothing changed.");
                return Main.OK;
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Shows one reader: their data, an open subscribe request, their consent history and bounces.")
    static final class Show implements Callable<Integer> {
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
                PrintWriter out = spec.commandLine().getOut();
                java.util.Optional<Subscriber> found = app.subscribers().find(address);
                if (found.isEmpty()) {
                    java.util.Optional<Consent.Suppression> suppressed = app.consent().suppression(address);
                    if (suppressed.isEmpty()) {
                        throw new BadInputException(address + " is not on the list");
                    }
                    out.println(address + " is not on the list: it was removed and is suppressed since "
                            + DAY.format(suppressed.get().at()) + " UTC (" + suppressed.get().reason() + ").");
                    return Main.OK;
                }
                Subscriber s = found.get();
                out.println("email         " + s.email());
                out.println("name          " + (s.name() == null ? "" : s.name()));
                out.println("topics        " + (s.topics().isEmpty() ? "(all)" : String.join(",", s.topics())));
                out.println("status        " + s.status().code());
                out.println("source        " + s.source());
                out.println("created       " + time(s.createdAt()));
                out.println("confirmed     " + time(s.confirmedAt()));
                out.println("unsubscribed  " + time(s.unsubscribedAt()));
                out.println("bounced       " + time(s.bouncedAt()));
                app.consent().openRequest(s.id()).filter(r -> s.status() != SubscriberStatus.ACTIVE).ifPresent(r ->
                        out.println("request       open since " + time(r.at()) + " by " + r.source() + ", waiting for confirmation"));
                out.println();
                out.println("History:");
                Table t = new Table("WHEN (UTC)", "FROM", "TO", "BY", "DETAIL");
                for (Consent.HistoryEntry h : app.consent().history(s.id())) {
                    t.add(DAY.format(h.at()), h.from() == null ? "(new)" : h.from(), h.to(), h.source(), h.detail());
                }
                t.print(out);
                out.println();
                printBounces(app, s, out);
                return Main.OK;
            }
        }

        /** The reader's bounces, newest first (bounce classification adds its own columns here). */
        private static void printBounces(App app, Subscriber s, PrintWriter out) {
            List<org.paperdigest.subscribers.BounceStore.Listed> bounces = app.bounces().ofSubscriber(s.id(), 20);
            out.println("Bounces:" + (bounces.isEmpty() ? " none" : ""));
            if (!bounces.isEmpty()) {
                Table t = new Table("WHEN (UTC)", "KIND", "STATUS", "SOURCE", "DIAGNOSTIC");
                for (var b : bounces) {
                    t.add(DAY.format(b.receivedAt()), b.kind().code(), b.status(), b.source(), b.diagnostic());
                }
                t.print(out);
            }
        }

        private static String time(java.time.Instant t) {
            return t == null ? "" : DAY.format(t) + " UTC";
        }
    }
}
