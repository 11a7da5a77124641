package org.paperdigest.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;
import org.slf4j.LoggerFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import org.paperdigest.catalog.Pick;
import org.paperdigest.catalog.Picker;
import org.paperdigest.mail.Letter;
import org.paperdigest.mail.MailConnection;
import org.paperdigest.mail.Mailer;
import org.paperdigest.mail.SendResult;
import org.paperdigest.render.RenderedEmail;
import org.paperdigest.subscribers.EmailAddress;
import org.paperdigest.subscribers.Subscriber;
import org.paperdigest.subscribers.SubscriberStore;

/**
 * The one-off send and its relatives: resume the unfinished issue or start the next one, plan it,
 * dispatch it; a dry run that renders and counts without writing; a test send to one address; and
 * previews. The scheduled job uses the same pieces.
 */
public final class SendService {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SendService.class);
    private final IssueStore issues;
    private final Outbox outbox;
    private final IssuePlanner planner;
    private final Dispatcher dispatcher;
    private final DigestComposer composer;
    private final SubscriberStore subscribers;
    private final Picker picker;
    private final Mailer mailer;
    private final Clock clock;
    private final int papersPerIssue;
    private volatile IntConsumer issueDone = n -> { };
    /** Missed fire times already logged, so the worker's polling does not repeat the warning. */
    private final java.util.Set<Instant> reportedMisses = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public SendService(IssueStore issues, Outbox outbox, IssuePlanner planner, Dispatcher dispatcher, DigestComposer composer,
                       SubscriberStore subscribers, Picker picker, Mailer mailer, Clock clock, int papersPerIssue) {
        this.issues = issues;
        this.outbox = outbox;
        this.planner = planner;
        this.dispatcher = dispatcher;
        this.composer = composer;
        this.subscribers = subscribers;
        this.picker = picker;
        this.mailer = mailer;
        this.clock = clock;
        this.papersPerIssue = papersPerIssue;
    }

    /** What {@link #prepare} decided: the issue to send, whether it is a resumed one, or why there is none. */
    public record Prepared(Issue issue, boolean resumed, long openBefore, String nothingToSend) {}

    /** A one-off send within this time of the last issue needs {@code --new}: it is probably a mistake. */
    public static final Duration REPEAT_GUARD = Duration.ofHours(24);

    /**
     * Finds the issue to send: an unfinished one (resumed, oldest first), or a new one planned now. A
     * new one-off issue is refused within {@link #REPEAT_GUARD} of the last one unless {@code forceNew}.
     * Claims left by a dead process were taken back when this process joined the senders (SenderLock).
     */
    public Prepared prepare(Issue.Kind kind, Instant scheduledFor, boolean forceNew) {
        Optional<Issue> unfinished = issues.oldestUnfinished();
        Optional<Issue> latest = issues.latest();
        Issue issue;
        boolean resumed;
        if (unfinished.isPresent()) {
            issue = unfinished.get();
            resumed = true;
        } else if (latest.isPresent() && !forceNew && tooSoonAfter(latest.get())) {
            return new Prepared(latest.get(), false, 0, repeatRefusal(latest.get()));
        } else {
            if (issues.activeSubscribers() == 0) {
                return new Prepared(null, false, 0, "there are no active subscribers");
            }
            Optional<Issue> created = issues.create(kind, scheduledFor, papersPerIssue);
            if (created.isEmpty()) {
                // Another instance created it a moment ago: join that one.
                issue = issues.latest().orElseThrow();
                resumed = true;
            } else {
                issue = created.get();
                resumed = false;
            }
        }
        planner.plan(issue);
        issue = issues.find(issue.number()).orElseThrow();
        long open = outbox.open(issue.number());
        if (!resumed && open == 0 && issues.dropIfEmpty(issue.number())) {
            return new Prepared(null, false, 0, "every active subscriber has already received every paper in the catalog");
        }
        if (open == 0) {
            issues.finish(issue.number());
            issue = issues.find(issue.number()).orElseThrow();
        }
        return new Prepared(issue, resumed, open, null);
    }

    /**
     * Starts the scheduled issue for {@code fireTime} unless it already exists, an issue went out
     * since, or the previous issue is still being sent (then the worker starts it afterwards).
     * Safe to call from every instance at once: the fire time is unique in the database.
     */
    public Optional<Issue> startScheduled(Instant fireTime) {
        Optional<Issue> unfinished = issues.oldestUnfinished();
        if (unfinished.isPresent()) {
            log.info("Issue {} is still being sent; the issue due at {} starts when it is done", unfinished.get().number(), fireTime);
            return Optional.empty();
        }
        if (issues.anySince(fireTime)) {
            return Optional.empty();
        }
        if (issues.activeSubscribers() == 0) {
            log.info("The issue due at {} has no active subscribers to go to", fireTime);
            return Optional.empty();
        }
        Optional<Issue> created = issues.create(Issue.Kind.SCHEDULED, fireTime, papersPerIssue);
        if (created.isEmpty()) {
            return Optional.empty();
        }
        Issue issue = created.get();
        log.info("Issue {} (due {}) created; planning", issue.number(), fireTime);
        planner.plan(issue);
        if (outbox.open(issue.number()) == 0 && issues.dropIfEmpty(issue.number())) {
            log.info("The issue due at {} was dropped: every active subscriber has had every paper", fireTime);
            return Optional.empty();
        }
        return issues.find(issue.number());
    }

    /**
     * Starts the scheduled issue for {@code fireTime} as {@link #startScheduled(Instant)} does, and
     * says so in the log when it goes out sooner after the last issue than the schedule's own interval.
     */
    public Optional<Issue> startScheduled(Instant fireTime, FireTimes fireTimes) {
        Optional<Issue> started = startScheduled(fireTime);
        started.ifPresent(issue -> fireTimes.next(fireTime).ifPresent(next -> {
            Duration interval = Duration.between(fireTime, next);
            Instant now = clock.instant();
            issues.find(issue.number() - 1).ifPresent(previous -> {
                Duration gap = Duration.between(previous.createdAt(), now);
                if (gap.compareTo(interval) < 0) {
                    log.warn("Issue {} starts {} after issue {}, sooner than the schedule's interval of {}", issue.number(),
                            words(gap), previous.number(), words(interval));
                }
            });
            if (Duration.between(fireTime, now).compareTo(CATCH_UP_AFTER) > 0) {
                log.warn("Issue {} catches up on the fire time {}, missed while the service was down; the next issue is due {},"
                        + " {} from now, sooner than the schedule's interval of {}", issue.number(), fireTimes.describe(fireTime),
                        fireTimes.describe(next), words(Duration.between(now, next)), words(interval));
            }
        }));
        return started;
    }

    /** A scheduled issue started later than this after its fire time is a catch-up. */
    private static final Duration CATCH_UP_AFTER = Duration.ofMinutes(1);

    /**
     * Sends the issue a down service missed, once: the latest fire time within the grace window;
     * older misses are logged and skipped, so several missed weeks make one issue, not a burst. A
     * miss nearer to the next fire time than to its own is skipped too (the next issue is nearer),
     * so a catch-up and the next issue are never closer than half the schedule's interval.
     */
    public Optional<Issue> catchUp(FireTimes fireTimes) {
        Instant now = clock.instant();
        Instant since = issues.latest().map(Issue::createdAt).orElse(null);
        if (since != null) {
            for (Instant missed : fireTimes.missedBefore(since, now)) {
                if (reportedMisses.add(missed)) {
                    log.warn("The issue due at {} was missed (the service was down longer than DIGEST_MISFIRE_GRACE); skipped", missed);
                }
            }
        }
        Optional<Instant> due = fireTimes.latestDue(now);
        if (due.isEmpty()) {
            return Optional.empty();
        }
        Instant fire = due.get();
        Optional<Instant> next = fireTimes.next(fire);
        if (next.isPresent() && Duration.between(now, next.get()).compareTo(Duration.between(fire, now)) < 0) {
            if (!issues.anySince(fire) && reportedMisses.add(fire)) {
                log.warn("The issue due {} was missed and is not caught up: the next one, due {}, is nearer", fireTimes.describe(fire),
                        fireTimes.describe(next.get()));
            }
            return Optional.empty();
        }
        return startScheduled(fire, fireTimes);
    }

    private static String words(Duration d) {
        long minutes = d.toMinutes();
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = d.toHours();
        return hours < 48 ? hours + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min") : d.toDays() + " days"
                + (hours % 24 == 0 ? "" : " " + hours % 24 + " h");
    }

    /** Plans whatever is left of an unfinished issue (a crash or another instance may have stopped mid-way). */
    public Optional<Issue> unfinished() {
        Optional<Issue> latest = issues.oldestUnfinished();
        latest.ifPresent(planner::plan);
        return latest.flatMap(i -> issues.find(i.number()));
    }

    /** Puts the failed deliveries of issue {@code number} back in the queue; returns how many. */
    public int requeueFailed(int number) {
        Issue issue = issues.find(number).orElseThrow(() -> new org.paperdigest.config.BadInputException(
                "There is no issue " + number + " (see `issues list`)"));
        int n = outbox.requeueFailed(issue.number());
        if (n > 0) {
            issues.reopen(issue.number());
        }
        return n;
    }

    /**
     * How many messages of issue {@code number} each process has sent, by instance id (the part of a
     * claim before the slash), so a send beside {@code run} can say which process sent what.
     */
    public Map<String, Long> sentByProcess(int number) {
        Map<String, Long> out = new java.util.TreeMap<>();
        outbox.sentBy(number).forEach((claim, n) -> {
            int slash = claim.indexOf('/');
            out.merge(slash < 0 ? claim : claim.substring(0, slash), n, Long::sum);
        });
        return out;
    }

    public Optional<Issue> issue(int number) {
        return issues.find(number);
    }

    private boolean tooSoonAfter(Issue last) {
        return last.createdAt().isAfter(clock.instant().minus(REPEAT_GUARD));
    }

    private static String repeatRefusal(Issue last) {
        return "issue " + last.number() + " is complete and went out less than " + REPEAT_GUARD.toHours()
                + " hours ago; use --new to start issue " + (last.number() + 1) + " now";
    }

    /** How many papers an issue carries (DIGEST_PAPERS_PER_ISSUE). */
    public int papersPerIssue() {
        return papersPerIssue;
    }

    /** Sends what is due of a prepared issue; when it is done, tells whoever asked ({@link #afterEachIssue}). */
    public DispatchResult dispatch(Issue issue, SendPolicy policy, long limit, Progress progress, AtomicBoolean stop) {
        DispatchResult r = dispatcher.dispatch(issue, policy, limit, progress, stop);
        if (r.issueFinished()) {
            try {
                issueDone.accept(issue.number());
            } catch (RuntimeException e) {
                // The editor's report is a courtesy: it never fails the issue.
                LoggerFactory.getLogger(SendService.class).warn("After issue {}: {}", issue.number(), e.getMessage());
            }
        }
        return r;
    }

    /** Runs {@code task} with the number of each issue this process sees finish (the editor's report). */
    public void afterEachIssue(IntConsumer task) {
        this.issueDone = task;
    }

    /**
     * What a dry run found: how many would get mail, how many would be skipped, and how long
     * rendering took; or, in {@code nothingToSend}, why {@code send} would refuse to start an issue.
     * {@code fewer}: readers who would get fewer papers than DIGEST_PAPERS_PER_ISSUE.
     */
    public record DryRun(int issueNumber, boolean resumed, long recipients, long skipped, long maxHtmlBytes, Duration renderTime,
                         String nothingToSend, long fewer) {}

    /** Plans and renders the next issue in memory, without writing or sending anything; {@code forceNew} as in {@link #prepare}. */
    public DryRun dryRun(boolean forceNew) {
        Optional<Issue> unfinished = issues.oldestUnfinished();
        if (unfinished.isPresent()) {
            Issue open = unfinished.get();
            return new DryRun(open.number(), true, outbox.open(open.number()), 0, 0, Duration.ZERO, null, 0);
        }
        Optional<Issue> latest = issues.latest();
        if (latest.isPresent() && !forceNew && tooSoonAfter(latest.get())) {
            return new DryRun(latest.get().number(), false, 0, 0, 0, Duration.ZERO, repeatRefusal(latest.get()), 0);
        }
        int number = latest.map(i -> i.number() + 1).orElse(1);
        Instant date = clock.instant();
        Instant started = Instant.now();
        long[] counts = new long[4];
        new PickWalk(outbox, picker).walk(number, date, papersPerIssue, (c, received, picks) -> {
            if (picks.isEmpty()) {
                counts[1]++;
                return;
            }
            if (picks.size() < papersPerIssue) {
                counts[2]++;
            }
            Subscriber s = subscribers.find(c.subscriberId()).orElseThrow();
            RenderedEmail email = composer.render(number, date, reader(s), ids(picks), newCount(picks));
            counts[3] = Math.max(counts[3], email.htmlBytes());
            counts[0]++;
        });
        long recipients = counts[0];
        long skipped = counts[1];
        long fewer = counts[2];
        long maxBytes = counts[3];
        return new DryRun(number, false, recipients, skipped, maxBytes, Duration.between(started, Instant.now()), null, fewer);
    }

    /** Renders the next issue as one reader would get it (a subscriber, or a sample reader with no history). */
    public RenderedEmail preview(Optional<EmailAddress> who) {
        return render(who, false).email();
    }

    /** The next issue as one reader would get it, as the complete letter {@code send} would hand to SMTP. */
    public Letter previewLetter(Optional<EmailAddress> who) {
        return render(who, false).letter();
    }

    /** A rendered test message and the letter that carries it. */
    public record TestMessage(RenderedEmail email, Letter letter) {}

    /** Sends the next issue to one address as a test: subject marked "[Test]", nothing recorded. */
    public SendResult testSend(EmailAddress to) {
        TestMessage m = render(Optional.of(to), true);
        try (MailConnection c = mailer.open()) {
            return c.send(m.letter());
        }
    }

    private TestMessage render(Optional<EmailAddress> who, boolean test) {
        int number = issues.latest().map(i -> i.finished() ? i.number() + 1 : i.number()).orElse(1);
        Optional<Subscriber> subscriber = who.flatMap(subscribers::find);
        DigestComposer.Reader reader = subscriber.map(SendService::reader).orElseGet(() -> new DigestComposer.Reader(0,
                who.map(EmailAddress::value).orElse("reader@example.org"), null, List.of()));
        Set<String> received = subscriber.map(s -> outbox.received(s.id(), s.id()).getOrDefault(s.id(), Set.of())).orElse(Set.of());
        Instant since = subscriber.flatMap(s -> Optional.ofNullable(outbox.lastIssues(s.id(), s.id(), number).get(s.id())))
                .orElse(clock.instant().minus(IssuePlanner.FIRST_ISSUE_LOOKBACK));
        List<Pick> picks = picker.pick(received, reader.topics(), papersPerIssue, since);
        if (picks.isEmpty()) {
            // Someone who has had everything still gets a meaningful preview: the top of the list.
            picks = picker.pick(Set.of(), reader.topics(), papersPerIssue);
        }
        Instant now = clock.instant();
        RenderedEmail email = composer.render(number, now, reader, ids(picks), newCount(picks));
        if (!test) {
            return new TestMessage(email, composer.letter(number, now, reader, email));
        }
        email = new RenderedEmail("[Test] " + email.subject(), email.html(), email.text());
        Letter real = composer.letter(number, now, reader, email);
        // A test must not share the real message's Message-ID: receivers drop repeated IDs.
        String testId = real.messageId().replace("<digest.", "<test." + now.toEpochMilli() + ".");
        return new TestMessage(email, new Letter(real.from(), real.replyTo(), real.to(), real.toName(), real.subject(), real.text(),
                real.html(), testId, real.date(), real.listId(), real.listUnsubscribeUrl(), real.listUnsubscribeMailto(),
                real.bounceAddress()));
    }

    private static DigestComposer.Reader reader(Subscriber s) {
        return new DigestComposer.Reader(s.id(), s.email(), s.name(), s.topics());
    }

    private static int newCount(List<Pick> picks) {
        return (int) picks.stream().filter(Pick::isNew).count();
    }

    private static List<String> ids(List<Pick> picks) {
        return picks.stream().map(p -> p.paper().id()).toList();
    }
}
