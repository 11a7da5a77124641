package org.paperdigest.cli;

import ch.qos.logback.classic.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.paperdigest.App;
import org.paperdigest.Service;
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
        App app = main.app(Map.of());
        app.config().digest().requireStrongSecret();
        app.senderLock();
        List<Service> started = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            log.info("Stopping: finishing the messages in flight");
            stopAll(started);
            app.close();
            stopped.countDown();
            // A clean stop on SIGTERM is a success: exit 0, not the JVM's default 143.
            Runtime.getRuntime().halt(Main.OK);
        }, "run-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            for (Service s : app.services()) {
                s.start();
                started.add(s);
                log.info("Started {}", s.name());
            }
        } catch (Exception e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            stopAll(started);
            app.close();
            throw e;
        }
        log.info("paper-digest is running (instance {}); press Ctrl-C to stop", app.instanceId());
        stopped.await();
        return Main.OK;
    }

    private static void stopAll(List<Service> started) {
        List<Service> reverse = new ArrayList<>(started);
        Collections.reverse(reverse);
        for (Service s : reverse) {
            try {
                s.stop();
                log.info("Stopped {}", s.name());
            } catch (Exception e) {
                log.warn("Stopping {} failed: {}", s.name(), e.toString());
            }
        }
        started.clear();
    }
}
