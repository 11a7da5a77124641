package org.paperdigest.cli;

import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.paperdigest.App;
import org.paperdigest.delivery.DispatchResult;
import org.paperdigest.delivery.Issue;
import org.paperdigest.delivery.SendService;
import org.paperdigest.mail.SendResult;
import org.paperdigest.subscribers.EmailAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "send", mixinStandardHelpOptions = true,
        description = {"Sends the next issue to every active subscriber, or resumes the unfinished one.",
                "Each delivery is recorded before it is sent, so an interrupted send can simply be run again."})
final class SendCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--dry-run", description = "Plan and render the issue, count recipients; send and record nothing.")
    boolean dryRun;

    @Option(names = "--to", paramLabel = "EMAIL", description = "Send one test message of the next issue to EMAIL; record nothing.")
    String to;

    @Option(names = "--limit", paramLabel = "N", description = "Send at most N messages now; the rest stay queued for the next send.")
    long limit;

    @Option(names = "--new", description = "Start a new issue even if the last one went out less than a day ago.")
    boolean forceNew;

    @Option(names = "--retry-failed", paramLabel = "N",
            description = "Re-queue the failed deliveries of issue N (and only those) and send them, once the cause is fixed.")
    Integer retryFailed;

    @Option(names = "--force", description = "Send even when `lint` finds a FAIL.")
    boolean force;

    @Option(names = "--pool-size", paramLabel = "N", description = "Parallel SMTP connections (overrides SMTP_POOL_SIZE).")
    Integer poolSize;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (limit < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--limit must be 0 or more, got " + limit);
        }
        Map<String, String> overrides = new HashMap<>();
        if (poolSize != null) {
            overrides.put("SMTP_POOL_SIZE", poolSize.toString());
        }
        try (App app = main.app(overrides)) {
            app.config().digest().requireStrongSecret();
            if (to == null && !dryRun && !force && LintCommand.refusesToSend(app, err)) {
                return Main.BAD_INPUT;
            }
            SendService service = app.sendService();
            if (to != null) {
                return testSend(app, service, EmailAddress.parse(to), out, err);
            }
            if (dryRun) {
                return dryRun(service, out);
            }
            if (retryFailed != null) {
                return retryFailed(app, service, retryFailed, out, err);
            }
            boolean shared = app.senderLock().shared();
            SendService.Prepared prepared = service.prepare(Issue.Kind.MANUAL, null, forceNew);
            if (prepared.nothingToSend() != null) {
                out.println("Nothing to send: " + prepared.nothingToSend() + ".");
                return Main.OK;
            }
            Issue issue = prepared.issue();
            if (prepared.openBefore() == 0) {
                out.println("Issue " + issue.number() + " is complete; nothing to resend.");
                return Main.OK;
            }
            if (prepared.resumed()) {
                out.println("Issue " + issue.number() + " is unfinished: " + prepared.openBefore()
                        + " messages not yet sent. Resuming it.");
            } else {
                out.println("Issue " + issue.number() + " planned: " + prepared.openBefore() + " messages to send.");
            }
            if (shared) {
                out.println(SendBeside.sharing(issue.number(), app.instanceId()));
            }
            out.flush();
            return dispatch(app, service, issue, out, err);
        }
    }

    private int retryFailed(App app, SendService service, int number, PrintWriter out, PrintWriter err) {
        app.senderLock();
        int n = service.requeueFailed(number);
        if (n == 0) {
            out.println("Issue " + number + " has no failed deliveries; nothing to retry.");
            return Main.OK;
        }
        out.println("Re-queued " + n + " failed deliveries of issue " + number + ".");
        out.flush();
        return dispatch(app, service, service.issue(number).orElseThrow(), out, err);
    }

    private int dispatch(App app, SendService service, Issue issue, PrintWriter out, PrintWriter err) {
        ProgressBar progress = new ProgressBar(err, System.console() != null);
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch dispatched = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            // Ctrl-C / SIGTERM: stop taking new messages, let the ones in flight finish and be recorded.
            stop.set(true);
            try {
                dispatched.await(app.config().smtp().readTimeout().multipliedBy(3).plusSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "send-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        DispatchResult r;
        try {
            r = service.dispatch(issue, app.oneOffPolicy(), limit, progress, stop);
        } finally {
            dispatched.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down: the hook is running
            }
        }
        progress.finish();
        out.printf(Locale.ROOT, "Issue %d: sent %d, failed %d, retrying %d, skipped %d in %.1f s (%.1f msgs/s).%n",
                r.issue(), r.sent(), r.failed(), r.retried(), r.skipped(), r.elapsed().toMillis() / 1000.0, r.messagesPerSecond());
        if (app.senderLock().shared() && r.open() >= 0) {
            SendBeside.sentBy(service.sentByProcess(r.issue()), app.instanceId()).ifPresent(out::println);
        }
        if (r.stopReason() != null) {
            err.println("Stopped: " + r.stopReason() + ". Issue " + r.issue() + " has "
                    + (r.open() < 0 ? "unsent messages (every one still pending)" : r.open() + " messages")
                    + " left; run `send` again to resume it.");
            return r.stoppedByConfiguration() ? Main.BAD_INPUT : Main.FAILURE;
        }
        if (stop.get()) {
            out.println("Interrupted: issue " + r.issue() + " has " + r.open() + " messages left; run `send` again to resume it.");
            return Main.FAILURE;
        }
        if (!r.issueFinished()) {
            String when = r.nextRetry() == null ? "later"
                    : "from " + DateTimeFormatter.ISO_LOCAL_TIME.withZone(ZoneOffset.UTC).format(r.nextRetry()) + " UTC";
            out.println(r.open() + " messages of issue " + r.issue() + " are still queued (" + when
                    + "); run `send` again, or keep `run` running, to deliver them.");
        } else {
            out.println("Issue " + r.issue() + " is complete.");
        }
        return Main.OK;
    }

    private int dryRun(SendService service, PrintWriter out) {
        SendService.DryRun d = service.dryRun(forceNew);
        if (d.nothingToSend() != null) {
            out.println("Dry run: nothing to send: " + d.nothingToSend() + ". Nothing was sent or recorded.");
        } else if (d.resumed()) {
            out.println("Dry run: issue " + d.issueNumber() + " is unfinished; `send` would resume it and send up to "
                    + d.recipients() + " messages. Nothing was sent or recorded.");
        } else {
            out.printf(Locale.ROOT, "Dry run of issue %d: would send %d messages and skip %d subscribers who have every paper;"
                            + " rendered in %.2f s, largest HTML %.1f KB. Nothing was sent or recorded.%n",
                    d.issueNumber(), d.recipients(), d.skipped(), d.renderTime().toMillis() / 1000.0, d.maxHtmlBytes() / 1024.0);
            if (d.skipped() > 0 || d.fewer() > 0) {
                out.println("warning: the catalog is running dry: " + d.skipped() + " readers would be skipped and " + d.fewer()
                        + " would get fewer than " + service.papersPerIssue() + " papers; publish papers (`catalog drafts`, `catalog status`).");
            }
        }
        return Main.OK;
    }

    private int testSend(App app, SendService service, EmailAddress address, PrintWriter out, PrintWriter err) {
        SendResult r = service.testSend(address);
        if (r instanceof SendResult.Sent) {
            out.println("Sent a test message of the next issue to " + address + " through "
                    + app.config().smtp().host() + ":" + app.config().smtp().port() + ". Nothing was recorded.");
            return Main.OK;
        }
        err.println("error: the test message to " + address + " was not accepted: "
                + (r instanceof SendResult.Failed f ? f.reason() : ((SendResult.Retry) r).reason()));
        return Main.FAILURE;
    }
}
