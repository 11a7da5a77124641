package org.paperdigest.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paperdigest.App;
import org.paperdigest.config.BadInputException;
import org.paperdigest.delivery.Issue;
import org.paperdigest.delivery.IssueReport;
import org.paperdigest.subscribers.Bounce;
import org.paperdigest.subscribers.BounceStore;
import org.paperdigest.subscribers.SubscriberStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "issues", mixinStandardHelpOptions = true, description = "Shows what went out: per issue, counts by status and times.",
        subcommands = {IssuesCommand.ListIssues.class, IssuesCommand.Show.class})
final class IssuesCommand implements Runnable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "One line per issue, newest first (times in UTC).")
    static final class ListIssues implements Callable<Integer> {
        @ParentCommand
        IssuesCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print JSON instead of a table.")
        boolean json;

        @Override
        public Integer call() {
            try (App app = parent.main.app(Map.of())) {
                List<IssueReport> reports = new ArrayList<>();
                for (Issue issue : app.issues().list()) {
                    reports.add(app.issues().report(issue, 3));
                }
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    out.println(toJson(reports.stream().map(IssuesCommand::asMap).toList()));
                    return Main.OK;
                }
                if (reports.isEmpty()) {
                    out.println("No issues yet. `send` makes the first one.");
                    return Main.OK;
                }
                Table t = new Table("ISSUE", "KIND", "STATUS", "CREATED", "PLANNED", "SENT", "PENDING", "RETRY", "FAILED",
                        "SKIPPED", "FIRST SENT", "LAST SENT", "MSGS/S").alignRight(0, 4, 5, 6, 7, 8, 9, 12);
                for (IssueReport r : reports) {
                    Issue i = r.issue();
                    t.add(i.number(), code(i.kind()), code(i.status()), time(i.createdAt()), r.planned(), r.count("sent"),
                            r.count("pending") + r.count("sending"), r.count("retry"), r.count("failed"), r.count("skipped"),
                            time(r.firstSent()), time(r.lastSent()), String.format(Locale.ROOT, "%.1f", r.messagesPerSecond()));
                }
                t.print(out);
                return Main.OK;
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Details of one issue, with its top failure reasons.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        IssuesCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "N")
        int number;

        @Option(names = "--json", description = "Print JSON instead of text.")
        boolean json;

        @Override
        public Integer call() {
            try (App app = parent.main.app(Map.of())) {
                Issue issue = app.issues().find(number)
                        .orElseThrow(() -> new BadInputException("There is no issue " + number + " (see `issues list`)"));
                IssueReport r = app.issues().report(issue, 10);
                PrintWriter out = spec.commandLine().getOut();
                Map<Bounce.Kind, Long> bounceCounts = app.bounces().countOfIssue(number);
                List<BounceStore.Listed> bounces = app.bounces().ofIssue(number, 20);
                if (json) {
                    Map<String, Object> m = asMap(r);
                    m.put("bounces", bouncesAsMap(bounceCounts, bounces));
                    out.println(toJson(m));
                    return Main.OK;
                }
                out.println("Issue " + issue.number() + " (" + code(issue.kind()) + ", " + code(issue.status()) + ")");
                out.println("  created      " + time(issue.createdAt()) + " UTC");
                out.println("  planned      " + time(issue.plannedAt()) + (issue.plannedAt() == null ? "" : " UTC"));
                out.println("  finished     " + time(issue.finishedAt()) + (issue.finishedAt() == null ? "" : " UTC"));
                out.println("  first sent   " + time(r.firstSent()));
                out.println("  last sent    " + time(r.lastSent()));
                out.printf(Locale.ROOT, "  rate         %.1f msgs/s%n", r.messagesPerSecond());
                out.println("  deliveries   " + r.planned() + " planned: " + r.count("sent") + " sent, "
                        + (r.count("pending") + r.count("sending")) + " pending, " + r.count("retry") + " retrying, "
                        + r.count("failed") + " failed, " + r.count("skipped") + " skipped");
                if (!r.topErrors().isEmpty()) {
                    out.println("  top failure reasons:");
                    r.topErrors().forEach((reason, n) -> out.println("    " + n + " × " + reason));
                }
                printBounces(out, bounceCounts, bounces);
                return Main.OK;
            }
        }
    }

    /** Lists the bounces of an issue: counts by kind, then the latest, one a line. */
    private static void printBounces(PrintWriter out, Map<Bounce.Kind, Long> counts, List<BounceStore.Listed> latest) {
        long hard = counts.getOrDefault(Bounce.Kind.HARD, 0L);
        long soft = counts.getOrDefault(Bounce.Kind.SOFT, 0L);
        out.println("  bounces      " + hard + " hard, " + soft + " soft, " + counts.getOrDefault(Bounce.Kind.COMPLAINT, 0L) + " complaints");
        for (BounceStore.Listed b : latest) {
            out.println("    " + b.kind().code() + " " + (b.status() == null ? "-" : b.status()) + "  " + b.email()
                    + (b.subscriberStatus() == SubscriberStatus.BOUNCED ? " (now bounced)" : "") + "  " + time(b.receivedAt())
                    + (b.diagnostic() == null ? "" : "  " + shorten(b.diagnostic(), 100)));
        }
        if (hard + soft > latest.size()) {
            out.println("    … and " + (hard + soft - latest.size()) + " more");
        }
    }

    private static Map<String, Object> bouncesAsMap(Map<Bounce.Kind, Long> counts, List<BounceStore.Listed> latest) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hard", counts.getOrDefault(Bounce.Kind.HARD, 0L));
        m.put("soft", counts.getOrDefault(Bounce.Kind.SOFT, 0L));
        m.put("complaints", counts.getOrDefault(Bounce.Kind.COMPLAINT, 0L));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (BounceStore.Listed b : latest) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("kind", b.kind().code());
            row.put("status", b.status());
            row.put("email", b.email());
            row.put("subscriber_status", b.subscriberStatus().code());
            row.put("source", b.source());
            row.put("received_at", iso(b.receivedAt()));
            row.put("diagnostic", b.diagnostic());
            rows.add(row);
        }
        m.put("latest", rows);
        return m;
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    static Map<String, Object> asMap(IssueReport r) {
        Issue i = r.issue();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", i.number());
        m.put("kind", code(i.kind()));
        m.put("status", code(i.status()));
        m.put("created_at", iso(i.createdAt()));
        m.put("planned_at", iso(i.plannedAt()));
        m.put("finished_at", iso(i.finishedAt()));
        m.put("planned", r.planned());
        Map<String, Long> counts = new LinkedHashMap<>(r.counts());
        m.put("counts", counts);
        m.put("first_sent", iso(r.firstSent()));
        m.put("last_sent", iso(r.lastSent()));
        m.put("msgs_per_second", Math.round(r.messagesPerSecond() * 10) / 10.0);
        List<Map<String, Object>> errors = new ArrayList<>();
        r.topErrors().forEach((reason, n) -> errors.add(Map.of("reason", reason, "count", n)));
        m.put("top_errors", errors);
        return m;
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String code(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static String time(Instant t) {
        return t == null ? "-" : TIME.format(t);
    }

    private static String iso(Instant t) {
        return t == null ? null : t.toString();
    }
}
