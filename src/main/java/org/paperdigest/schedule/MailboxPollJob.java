package org.paperdigest.schedule;

import org.paperdigest.inbound.InboundPoller;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the request mailbox once. Thin on purpose: the work is {@link InboundPoller#pollOnce()},
 * found in the scheduler context under {@link #POLLER}. Never two at once: a slow poll delays the
 * next instead of racing it.
 */
@DisallowConcurrentExecution
public final class MailboxPollJob implements Job {
    private static final Logger log = LoggerFactory.getLogger(MailboxPollJob.class);
    /** The scheduler-context key of the {@link InboundPoller}. */
    public static final String POLLER = "inboundPoller";

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        InboundPoller poller;
        try {
            poller = (InboundPoller) context.getScheduler().getContext().get(POLLER);
        } catch (SchedulerException e) {
            throw new JobExecutionException("The scheduler has no " + POLLER + " in its context", e);
        }
        try {
            poller.pollOnce();
        } catch (RuntimeException e) {
            // Logged here, once; the next poll tries again (the messages stay in the mailbox).
            log.warn("Polling the request mailbox failed: {}", e.getMessage());
        }
    }
}
