package org.paperdigest.cli;

import ch.qos.logback.classic.Level;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.paperdigest.App;
import org.paperdigest.ServiceGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the service: the weekly schedule, the web pages, and the inbound mailbox where configured.",
                "Stops cleanly on SIGTERM or Ctrl-C: no new messages are started, the ones in flight finish."})
final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (System.getenv("LOG_LEVEL") == null) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.paperdigest")).setLevel(Level.INFO);
        }
        ServiceGroup services = new ServiceGroup();
        AtomicReference<App> opened = new AtomicReference<>();
        AtomicBoolean terminating = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        // Installed before anything opens: a SIGTERM at any point of start-up stops what has started
        // and nothing starts after it.
        Thread hook = new Thread(() -> {
            terminating.set(true);
            log.info("Stopping: finishing the messages in flight");
            services.stop();
            App app = opened.get();
            if (app != null) {
                app.close();
            }
            stopped.countDown();
            // A clean stop on SIGTERM is a success: exit 0, not the JVM's default 143.
            Runtime.getRuntime().halt(Main.OK);
        }, "run-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        App app;
        try {
            app = main.app(Map.of());
            opened.set(app);
            app.config().digest().requireStrongSecret();
            app.senderLock();
            if (!services.stopping() && services.start(app.services())) {
                log.info("paper-digest is running (instance {}); press Ctrl-C to stop", app.instanceId());
            }
        } catch (Exception e) {
            if (terminating.get()) {
                stopped.await(); // the stop closed what we were opening: it ends the process
            }
            Runtime.getRuntime().removeShutdownHook(hook);
            services.stop();
            App partly = opened.get();
            if (partly != null) {
                partly.close();
            }
            throw e;
        }
        stopped.await();
        return Main.OK;
    }
}
