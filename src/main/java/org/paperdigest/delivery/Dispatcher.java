package org.paperdigest.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.paperdigest.deliverability.BounceClassifier;
import org.paperdigest.delivery.Progress.Outcome;
import org.paperdigest.mail.Letter;
import org.paperdigest.mail.MailConnection;
import org.paperdigest.mail.MailConfigurationException;
import org.paperdigest.mail.MailServerBusyException;
import org.paperdigest.mail.MailServerUnavailableException;
import org.paperdigest.mail.Mailer;
import org.paperdigest.mail.SendResult;
import org.paperdigest.render.RenderedEmail;
import org.paperdigest.db.Outages;
import org.paperdigest.subscribers.Bounce;
import org.paperdigest.subscribers.BounceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the planned deliveries of one issue with N senders, each on its own long-lived SMTP
 * connection. A sender claims a few rows, and for each one renders, sends and marks it before
 * taking the next, so a crash leaves at most one unmarked message per sender. Temporary failures
 * back off with jitter; permanent ones are recorded with the server's reply; an unreachable
 * server pauses the senders instead of burning attempts.
 */
public final class Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    /** Permanent refusals of messages (not addresses) in a row that stop a dispatch. */
    static final int REFUSALS_BEFORE_STOP = 5;
    /** How long a pool shrunk by a server's connection limit waits before it tries one more connection. */
    static final Duration GROW_CONNECTIONS_AFTER = Duration.ofMinutes(1);
    /** What {@link DispatchResult#open()} says when the database could not be asked. */
    static final long UNKNOWN = -1;

    private static final BounceClassifier BOUNCE_RULES = new BounceClassifier();

    private final Outbox outbox;
    private final IssueStore issues;
    private final DigestComposer composer;
    private final Mailer mailer;
    private final Throttle throttle;
    private final BounceStore bounces;
    private final Clock clock;
    private final String senderId;

    public Dispatcher(Outbox outbox, IssueStore issues, DigestComposer composer, Mailer mailer, Throttle throttle,
                      BounceStore bounces, Clock clock, String senderId) {
        this.outbox = outbox;
        this.issues = issues;
        this.composer = composer;
        this.mailer = mailer;
        this.throttle = throttle;
        this.bounces = bounces;
        this.clock = clock;
        this.senderId = senderId;
    }

    /**
     * Sends what is due of {@code issue} until it is done, {@code limit} messages were attempted
     * (0 = no limit), {@code stop} is set, or (for a one-off send) nothing is due soon.
     */
    public DispatchResult dispatch(Issue issue, SendPolicy policy, long limit, Progress progress, AtomicBoolean stop) {
        DatabaseOutage outage = new DatabaseOutage(issue.number(), policy.dbOutageGrace(), progress);
        Run run = new Run(issue, policy, limit <= 0 ? Long.MAX_VALUE : limit, progress, stop,
                new SentMarks(outbox, issue.number(), outage, policy.senders()), outage);
        progress.started(issue.number(), outbox.open(issue.number()));
        List<Thread> threads = new ArrayList<>();
        for (int i = 1; i <= policy.senders(); i++) {
            // Each sender claims under its own name, so no sender can extend, mark or release another's rows.
            String sender = senderId + "/" + issue.number() + "." + i + "." + Long.toString(ThreadLocalRandom.current().nextLong() & 0xffffff, 36);
            Thread t = new Thread(() -> work(run, sender), "sender-" + i);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                stop.set(true);
                Thread.currentThread().interrupt();
            }
        }
        try {
            run.marks.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long open = UNKNOWN;
        Instant nextDue = null;
        if (!run.databaseLost) {
            try {
                // Done only when every record is really sent or really failed: count-open sees every other state.
                open = outbox.open(issue.number());
                if (open == 0) {
                    issues.finish(issue.number());
                } else {
                    nextDue = outbox.nextDue(issue.number());
                }
            } catch (RuntimeException e) {
                if (!Outages.isOutage(e)) {
                    throw e;
                }
                run.abort("the database became unreachable at the end of the send: " + e.getMessage());
                open = UNKNOWN;
            }
        }
        return new DispatchResult(issue.number(), run.sent.sum(), run.retried.sum(), run.failed.sum(), run.skipped.sum(),
                Duration.between(run.started, clock.instant()), run.abort.get(), open, nextDue, run.configurationError);
    }

    private void work(Run run, String sender) {
        MailConnection conn = null;
        Marked last = new Marked();
        List<Claimed> batch = List.of();
        int next = 0;
        try {
            while (!run.stopping()) {
                int want = (int) Math.min(run.policy.claimBatch(), run.budget.get());
                if (want <= 0) {
                    break;
                }
                if (conn == null && !run.connections.available()) {
                    // The server takes fewer connections than the pool: claim nothing until a slot is free.
                    run.pause(Duration.ofMillis(250));
                    continue;
                }
                long floor = run.floor.get();
                batch = run.outage.retry("claiming deliveries",
                        () -> outbox.claim(run.issue.number(), sender, clock.instant().plus(run.policy.lease()), want, floor));
                next = 0;
                if (batch.isEmpty()) {
                    if (!waitForWork(run, last)) {
                        break;
                    }
                    continue;
                }
                // Everything below this batch was claimed already (rows come in id order).
                run.floor.accumulateAndGet(batch.get(0).deliveryId() - 1, Math::max);
                Instant renewed = clock.instant();
                while (next < batch.size()) {
                    if (run.stopping() || run.budget.getAndDecrement() <= 0) {
                        break;
                    }
                    if (Duration.between(renewed, clock.instant()).compareTo(run.policy.lease().dividedBy(4)) > 0) {
                        // A slow server: keep the claim long enough for the next message (the lease is
                        // at least four worst-case messages long), and drop rows that are no longer ours.
                        List<Claimed> rest = batch.subList(next, batch.size());
                        List<Claimed> held = run.outage.retry("renewing claims",
                                () -> outbox.extend(rest, sender, clock.instant().plus(run.policy.lease())));
                        batch = held;
                        next = 0;
                        renewed = clock.instant();
                        if (batch.isEmpty()) {
                            break;
                        }
                    }
                    Claimed d = batch.get(next);
                    if (!d.subscriberActive()) {
                        run.outage.run("recording a skipped delivery",
                                () -> outbox.markSkipped(d.deliveryId(), sender, "the subscriber is no longer active"));
                        run.settle(Outcome.SKIPPED);
                        next++;
                        continue;
                    }
                    if (conn == null) {
                        conn = connect(run);
                        if (conn == null) {
                            run.budget.incrementAndGet();
                            break;
                        }
                    }
                    SendResult result = send(conn, run.issue, d, last);
                    if (result instanceof SendResult.Stop stop) {
                        run.configurationError = true;
                        run.abort("the SMTP server refuses our messages: " + stop.reason());
                        break;
                    }
                    if (result instanceof SendResult.Retry retry && retry.sessionLimit() && conn.sent() > 0) {
                        // A limit of this session, not of the reader: no attempt, no bounce; the same
                        // message goes out on a fresh connection, and later sessions stop short of the limit.
                        run.sessionLimitReached(conn.sent(), retry.reason());
                        closeConnection(run, conn);
                        conn = null;
                        run.budget.incrementAndGet();
                        continue;
                    }
                    settle(run, d, result, last, sender);
                    next++;
                    if (!conn.usable() || conn.sent() >= run.messagesPerConnection()) {
                        closeConnection(run, conn);
                        conn = null;
                    }
                }
                if (next < batch.size()) {
                    List<Claimed> rest = batch.subList(next, batch.size());
                    run.outage.run("returning claims", () -> outbox.release(rest, sender, clock.instant()));
                }
                batch = List.of();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (DatabaseOutage.TooLong e) {
            lostDatabase(run, e);
        } catch (RuntimeException e) {
            log.error("Sender {} stopped on issue {}: {}", Thread.currentThread().getName(), run.issue.number(), e.toString(), e);
            run.abort("internal error: " + e.getMessage());
        } finally {
            if (conn != null) {
                closeConnection(run, conn);
            }
            try {
                last.await();
            } catch (DatabaseOutage.TooLong e) {
                lostDatabase(run, e);
            } catch (RuntimeException e) {
                log.error("Issue {}: recording a sent message failed: {}", run.issue.number(), e.getMessage());
                run.abort("cannot record sent messages: " + e.getMessage());
            }
            if (next < batch.size() && !run.databaseLost) {
                try {
                    outbox.release(batch.subList(next, batch.size()), sender, clock.instant());
                } catch (RuntimeException e) {
                    log.warn("Issue {}: could not return {} claimed rows; they come back when their lease ends: {}",
                            run.issue.number(), batch.size() - next, e.getMessage());
                }
            }
        }
    }

    /**
     * Stops the dispatch after a database outage longer than the grace. Nothing more is written:
     * the unsent rows this sender claimed stay claimed until their lease ends (or the next start
     * on SQLite returns them), and the one message whose mark was not recorded may go out again.
     */
    private static void lostDatabase(Run run, DatabaseOutage.TooLong e) {
        run.databaseLost = true;
        run.abort(e.getMessage());
        log.error("Issue {}: {}; stopping, every unsent delivery stays pending", run.issue.number(), e.getMessage());
    }

    /** The last "sent" mark of one sender, which must be committed before its next message goes out. */
    private static final class Marked {
        private CompletableFuture<Void> pending;

        void set(CompletableFuture<Void> mark) {
            pending = mark;
        }

        void await() {
            if (pending != null) {
                try {
                    // The writer gives up by itself once the database has been gone for the outage grace.
                    pending.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while recording a sent message", e);
                } finally {
                    pending = null;
                }
            }
        }
    }

    /**
     * Composes and sends one reader's message. Only a failure to compose is this reader's; the
     * previous message's mark is awaited outside that, so a mark that cannot be recorded is never
     * held against the next reader.
     */
    private SendResult send(MailConnection conn, Issue issue, Claimed d, Marked last) throws InterruptedException {
        Letter letter;
        try {
            DigestComposer.Reader reader = new DigestComposer.Reader(d.subscriberId(), d.email(), d.name(), d.topics());
            RenderedEmail email = composer.render(issue.number(), issue.createdAt(), reader, d.paperIds(), d.newPapers());
            letter = composer.letter(issue.number(), clock.instant(), reader, email);
        } catch (RuntimeException e) {
            // This reader's message cannot be made (a paper gone from the catalog, say): record it and go on.
            log.error("Issue {}: cannot compose the message for {}: {}", issue.number(), d.email(), e.toString());
            return new SendResult.Failed("cannot compose the message: " + e.getMessage(), null, false);
        }
        throttle.acquire(domainOf(d.email()));
        // Never two unrecorded messages per sender: a crash may then resend at most this one. The
        // message is made and its envelope goes out meanwhile; its content waits for the record.
        return conn.send(letter, last::await);
    }

    private void settle(Run run, Claimed d, SendResult result, Marked last, String sender) throws InterruptedException {
        if (result instanceof SendResult.Sent sent) {
            last.set(run.marks.sent(d.deliveryId(), sender, sent.messageId()));
            run.refusedInARow.set(0);
            run.settle(Outcome.SENT);
        } else if (result instanceof SendResult.Failed failed) {
            run.outage.run("recording a failed delivery", () -> outbox.markFailed(d.deliveryId(), sender, failed.reason()));
            log.warn("Issue {}: {} refused permanently: {}", run.issue.number(), d.email(), failed.reason());
            if (failed.addressProblem()) {
                bounce(run, d, Bounce.Kind.HARD, failed.reason(), failed.status());
                run.refusedInARow.set(0);
            } else if (run.refusedInARow.incrementAndGet() >= REFUSALS_BEFORE_STOP) {
                // Message after message refused for what it is, not where it goes: something is wrong
                // on our side or the server's; stop rather than fail the whole list.
                run.abort("the SMTP server refused " + REFUSALS_BEFORE_STOP + " messages in a row: " + failed.reason()
                        + "; fix the cause, then `send --retry-failed " + run.issue.number() + "`");
            }
            run.settle(Outcome.FAILED);
        } else if (result instanceof SendResult.Retry retry) {
            int attempt = d.attempts() + 1;
            if (attempt >= run.policy.maxAttempts()) {
                run.outage.run("recording a failed delivery",
                        () -> outbox.markFailed(d.deliveryId(), sender, "gave up after " + attempt + " attempts: " + retry.reason()));
                bounce(run, d, Bounce.Kind.SOFT, retry.reason(), retry.status());
                log.warn("Issue {}: giving up on {} after {} attempts: {}", run.issue.number(), d.email(), attempt, retry.reason());
                run.settle(Outcome.FAILED);
            } else {
                Instant at = clock.instant().plus(jitter(run.policy.backoff(attempt)));
                run.outage.run("recording a retry", () -> outbox.markRetry(d.deliveryId(), sender, at, retry.reason()));
                log.info("Issue {}: {} will be retried at {}: {}", run.issue.number(), d.email(), at, retry.reason());
                run.settle(Outcome.RETRY);
            }
        }
    }

    /**
     * Counts a refusal toward the subscriber's bounce limits, like a bounce report that came back:
     * refused while sending is the same news, only sooner.
     */
    private void bounce(Run run, Claimed d, Bounce.Kind refused, String reply, String replyStatus) throws InterruptedException {
        // A refused address is judged by the bounce rules: a full mailbox or a policy block is soft even with a 5xx.
        Bounce.Kind kind = refused == Bounce.Kind.HARD ? BOUNCE_RULES.refusal(replyStatus, reply).stored() : refused;
        String status = replyStatus != null ? replyStatus : (refused == Bounce.Kind.HARD ? "5.0.0" : "4.0.0");
        int issue = run.issue.number();
        BounceStore.Outcome o = run.outage.retry("recording a bounce", () -> bounces.record(new Bounce(d.subscriberId(), issue,
                kind, status, reply, d.email(), "smtp", "smtp:" + issue + ":" + d.subscriberId())));
        if (o == BounceStore.Outcome.SUBSCRIBER_BOUNCED) {
            log.warn("{} is now bounced: no more mail goes there", d.email());
        }
    }

    /** Opens a connection, or returns null after noting the server is down (and sleeping a backoff). */
    private MailConnection connect(Run run) throws InterruptedException {
        if (!run.connections.take()) {
            return null;
        }
        try {
            MailConnection c = mailer.open();
            run.serverUp();
            return c;
        } catch (MailServerBusyException e) {
            run.connections.give();
            if (run.connections.refused(e.getMessage())) {
                // Up, and busy with our other connections: this sender returns its rows and waits for a slot.
                return null;
            }
            Duration pause = run.serverDown(e.getMessage(), clock.instant());
            if (pause != null) {
                run.pause(pause);
            }
            return null;
        } catch (MailConfigurationException e) {
            run.connections.give();
            run.configurationError = true;
            run.abort(e.getMessage());
            return null;
        } catch (MailServerUnavailableException e) {
            run.connections.give();
            Duration pause = run.serverDown(e.getMessage(), clock.instant());
            if (pause != null) {
                run.pause(pause);
            }
            return null;
        }
    }

    private static void closeConnection(Run run, MailConnection conn) {
        conn.close();
        run.connections.give();
    }

    /** Waits for retries or other senders; returns false when this sender should stop. */
    private boolean waitForWork(Run run, Marked last) throws InterruptedException {
        // This sender's own last message counts as open until its record is in.
        last.await();
        long open = run.outage.retry("counting open deliveries", () -> outbox.open(run.issue.number()));
        if (open == 0) {
            return false; // dispatch() marks the issue finished once every sender is done
        }
        if (run.outage.retry("looking for other senders", () -> outbox.claimsHeld(run.issue.number())) > 0) {
            // Another sender (of this process, or a `run` beside a one-off send) is working on the
            // rest: follow it to the end, and take over what it returns or what its lease gives up.
            // The last few rows are looked at often, so the send ends when they are recorded.
            Thread.sleep(open <= (long) run.policy.senders() * run.policy.claimBatch() ? 20 : 250);
            return true;
        }
        Instant due = run.outage.retry("looking for retries", () -> outbox.nextDue(run.issue.number()));
        Instant now = clock.instant();
        if (due == null) {
            // Rows are pending but locked by another instance's claim: look again shortly.
            Thread.sleep(100);
            return true;
        }
        if (due.isAfter(now.plus(run.policy.waitForRetries()))) {
            return false;
        }
        long ms = Math.max(20, Math.min(Duration.between(now, due).toMillis(), 250));
        Thread.sleep(ms);
        return true;
    }

    private static Duration jitter(Duration d) {
        long ms = d.toMillis();
        long spread = ms / 4;
        return Duration.ofMillis(ms - spread + (spread == 0 ? 0 : ThreadLocalRandom.current().nextLong(2 * spread + 1)));
    }

    private static String domainOf(String email) {
        return email.substring(email.lastIndexOf('@') + 1).toLowerCase(java.util.Locale.ROOT);
    }

    /** Shared state of one dispatch: counters, the message budget, and the reason to stop early. */
    private final class Run {
        final Issue issue;
        final SendPolicy policy;
        final AtomicLong budget;
        final Progress progress;
        final AtomicBoolean stop;
        final Instant started = clock.instant();
        final LongAdder sent = new LongAdder();
        final LongAdder retried = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder skipped = new LongAdder();
        final AtomicReference<String> abort = new AtomicReference<>();
        final AtomicReference<Instant> downSince = new AtomicReference<>();
        final SentMarks marks;
        final DatabaseOutage outage;
        final ConnectionBudget connections;
        /** The most messages the server takes on one connection, as learnt in this run. */
        final AtomicLong sessionLimit = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong floor = new AtomicLong();
        volatile boolean configurationError;
        /** The database stayed unreachable past the grace: touch it no more in this dispatch. */
        volatile boolean databaseLost;
        final AtomicLong refusedInARow = new AtomicLong();
        final AtomicLong downStreak = new AtomicLong();

        Run(Issue issue, SendPolicy policy, long limit, Progress progress, AtomicBoolean stop, SentMarks marks,
            DatabaseOutage outage) {
            this.marks = marks;
            this.outage = outage;
            this.connections = new ConnectionBudget(issue.number(), policy.senders(), GROW_CONNECTIONS_AFTER);
            this.issue = issue;
            this.policy = policy;
            this.budget = new AtomicLong(limit);
            this.progress = progress;
            this.stop = stop;
        }

        boolean stopping() {
            return stop.get() || abort.get() != null || Thread.currentThread().isInterrupted();
        }

        /** Sleeps, but wakes early when the run is told to stop. */
        void pause(Duration d) throws InterruptedException {
            long until = System.nanoTime() + d.toNanos();
            while (!stopping() && System.nanoTime() < until) {
                Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            }
        }

        /** Messages to send on one connection before opening a fresh one. */
        long messagesPerConnection() {
            return Math.min(policy.maxMessagesPerConnection(), sessionLimit.get());
        }

        void sessionLimitReached(int sent, String reply) {
            long before = sessionLimit.getAndAccumulate(sent, Math::min);
            if (sent < before) {
                log.warn("Issue {}: the SMTP server ended a session after {} messages ({}); reconnecting every {} messages"
                        + " for the rest of this run", issue.number(), sent, reply, sent);
            }
        }

        void abort(String reason) {
            abort.compareAndSet(null, reason);
        }

        void settle(Outcome outcome) {
            switch (outcome) {
                case SENT -> sent.increment();
                case RETRY -> retried.increment();
                case FAILED -> failed.increment();
                case SKIPPED -> skipped.increment();
            }
            progress.settled(outcome);
        }

        void serverUp() {
            if (downSince.getAndSet(null) != null) {
                log.info("Issue {}: the SMTP server is reachable again; resuming", issue.number());
            }
            downStreak.set(0);
        }

        /** Records a failed connect; returns how long to pause, or null when the run gives up. */
        Duration serverDown(String reason, Instant now) {
            downSince.compareAndSet(null, now);
            long streak = downStreak.incrementAndGet();
            Duration down = Duration.between(downSince.get(), now);
            if (policy.giveUpWhenServerDown() && down.compareTo(policy.serverDownPatience()) >= 0) {
                abort(reason);
                return null;
            }
            Duration pause = Duration.ofMillis(Math.min(500L << Math.min(streak - 1, 7), 60_000));
            if (policy.giveUpWhenServerDown()) {
                // Try once more when the patience runs out, not a whole backoff step later.
                Duration left = policy.serverDownPatience().minus(down);
                pause = pause.compareTo(left) > 0 ? left : pause;
            }
            progress.paused(reason + "; trying again in " + pause.toSeconds() + "s");
            log.warn("Issue {}: {}; pausing {} ms", issue.number(), reason, pause.toMillis());
            return pause;
        }
    }
}
