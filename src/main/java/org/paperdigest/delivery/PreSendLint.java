package org.paperdigest.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.paperdigest.mail.LintCheck;
import org.paperdigest.mail.Letter;
import org.paperdigest.mail.MessageLint;
import org.paperdigest.mail.MimeBuilder;
import org.paperdigest.render.RenderedEmail;

/**
 * Checks the message of every reader of the next issue (or of the unfinished one) before it is
 * sent. Readers whose messages differ only in their personal values (name, address, signed
 * links) share a shape; each shape is rendered once, for its reader with the longest personal
 * values (the largest message of the shape), and run through {@link MessageLint}. A failing
 * check names the readers who would get the failing message.
 */
public final class PreSendLint {
    /** How many readers a failing check names; the rest are counted. */
    static final int NAMED = 10;

    private final IssueStore issues;
    private final IssueReaders readers;
    private final DigestComposer composer;
    private final MimeBuilder mime;
    private final MessageLint lint;
    private final Clock clock;

    public PreSendLint(IssueStore issues, IssueReaders readers, DigestComposer composer, MimeBuilder mime, MessageLint lint,
                       Clock clock) {
        this.issues = issues;
        this.readers = readers;
        this.composer = composer;
        this.mime = mime;
        this.lint = lint;
        this.clock = clock;
    }

    /** A check that fails for some readers: how many, and the first {@link #NAMED} of them. */
    public record Finding(LintCheck check, long readers, List<String> named) {
        public Finding {
            named = List.copyOf(named);
        }
    }

    /**
     * What the checks found over every reader: per check the worst verdict (its detail from the
     * worst message, the largest first), and for each FAIL the readers it hits. {@code readers} 0:
     * there is nobody to send to.
     */
    public record Report(int issue, long readers, int shapes, List<LintCheck> checks, List<Finding> failures) {
        public Report {
            checks = List.copyOf(checks);
            failures = List.copyOf(failures);
        }

        public boolean failed() {
            return MessageLint.failed(checks);
        }
    }

    /** Renders and checks every distinct message of the issue to be sent next. */
    public Report check() {
        Optional<Issue> unfinished = issues.oldestUnfinished();
        int number = unfinished.map(Issue::number).orElseGet(() -> issues.latest().map(i -> i.number() + 1).orElse(1));
        Instant date = unfinished.map(Issue::createdAt).orElseGet(clock::instant);
        Map<Object, Shape> shapes = new LinkedHashMap<>();
        // A reader's shape follows from their papers and topics alone: build a view (and sign its
        // links) once per pair, not once per reader.
        Map<ShapeInputs, Shape> byInputs = new HashMap<>();
        long[] count = {0};
        List<String> uncomposable = new ArrayList<>();
        String[] why = {null};
        java.util.function.Consumer<IssueReaders.Planned> add = p -> {
            count[0]++;
            ShapeInputs inputs = new ShapeInputs(p.paperIds(), p.newPapers(), p.reader().topics());
            Shape shape = byInputs.get(inputs);
            if (shape == null) {
                Object key;
                try {
                    key = composer.shapeOf(composer.view(number, date, p.reader(), p.paperIds(), p.newPapers()));
                } catch (RuntimeException e) {
                    // The send fails this row ("cannot compose the message") and sends the others: a warning, not a stop.
                    if (uncomposable.size() < NAMED) {
                        uncomposable.add(p.reader().email());
                    }
                    why[0] = e.getMessage();
                    return;
                }
                shape = shapes.computeIfAbsent(key, k -> new Shape());
                byInputs.put(inputs, shape);
            }
            shape.add(p);
        };
        if (unfinished.isPresent()) {
            Issue issue = unfinished.get();
            readers.open(number, add);
            if (issue.status() == Issue.Status.PLANNING) {
                // Planning stopped part-way (a crash): the rest will be planned as the next issue would be.
                readers.next(number, date, issue.plannedThrough(), issue.papersPerIssue(), add);
            }
        } else {
            readers.next(number, date, add);
        }
        List<Checked> checked = new ArrayList<>(shapes.size());
        for (Shape shape : shapes.values()) {
            checked.add(check(number, date, shape));
        }
        checked.sort(Comparator.comparingLong(Checked::htmlBytes).reversed());
        Report report = report(number, count[0], checked);
        if (uncomposable.isEmpty()) {
            return report;
        }
        List<LintCheck> checks = new ArrayList<>(report.checks());
        checks.add(new LintCheck("compose", LintCheck.Verdict.WARN, "the message of " + String.join(", ", uncomposable)
                + (uncomposable.size() == NAMED ? " and maybe more" : "") + " cannot be made (" + why[0]
                + "); the send will record those rows as failed and send the rest"));
        return new Report(report.issue(), report.readers(), report.shapes(), checks, report.failures());
    }

    private Checked check(int number, Instant date, Shape shape) {
        IssueReaders.Planned p = shape.largest;
        RenderedEmail email = composer.render(number, date, p.reader(), p.paperIds(), p.newPapers());
        Letter letter = composer.letter(number, date, p.reader(), email);
        return new Checked(shape, lint.check(mime.toBytes(letter)), email.htmlBytes());
    }

    private static Report report(int number, long readers, List<Checked> checked) {
        List<LintCheck> worst = new ArrayList<>();
        List<Finding> failures = new ArrayList<>();
        int n = checked.isEmpty() ? 0 : checked.get(0).checks().size();
        for (int i = 0; i < n; i++) {
            LintCheck w = null;
            long failing = 0;
            Set<String> named = new LinkedHashSet<>();
            for (Checked c : checked) {
                LintCheck check = c.checks().get(i);
                if (w == null || check.verdict().compareTo(w.verdict()) > 0) {
                    w = check;
                }
                if (check.verdict() == LintCheck.Verdict.FAIL) {
                    failing += c.shape().readers;
                    for (String email : c.shape().named) {
                        if (named.size() < NAMED) {
                            named.add(email);
                        }
                    }
                }
            }
            worst.add(w);
            if (failing > 0) {
                failures.add(new Finding(w, failing, List.copyOf(named)));
            }
        }
        return new Report(number, readers, checked.size(), worst, failures);
    }

    private record Checked(Shape shape, List<LintCheck> checks, long htmlBytes) {}

    /** What a reader's message depends on besides their personal values (name, address, signed links). */
    private record ShapeInputs(List<String> paperIds, int newPapers, List<String> topics) {}

    /** The readers of one shape: how many, the first few by address, and the one with the longest personal values. */
    private static final class Shape {
        long readers;
        final List<String> named = new ArrayList<>();
        IssueReaders.Planned largest;
        int largestWeight = -1;

        void add(IssueReaders.Planned p) {
            readers++;
            if (named.size() < NAMED) {
                named.add(p.reader().email());
            }
            int weight = p.reader().email().length() + (p.reader().name() == null ? 0 : p.reader().name().length())
                    + Long.toString(p.reader().id()).length() * 3;
            if (weight > largestWeight) {
                largest = p;
                largestWeight = weight;
            }
        }
    }
}
