package org.paperdigest.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Quartz job that runs one poll (of the request or the bounce mailbox). Thin on purpose: the
 * work is in {@code inbound}. Never two at once: a slow poll delays the next instead of racing it.
 */
@DisallowConcurrentExecution
final class PollJob implements Job {
    private static final Logger log = LoggerFactory.getLogger(PollJob.class);

    private final String what;
    private final Runnable task;

    PollJob(String what, Runnable task) {
        this.what = what;
        this.task = task;
    }

    @Override
    public void execute(JobExecutionContext context) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // Logged here, once; the messages stay in the mailbox and the next poll tries again.
            log.warn("Polling the {} failed: {}", what, e.getMessage());
        }
    }
}
