package org.paperdigest.schedule;

import java.time.Duration;
import java.util.Properties;
import org.paperdigest.Service;
import org.paperdigest.inbound.InboundPoller;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

/**
 * Runs {@link MailboxPollJob} every IMAP_POLL_INTERVAL on a Quartz scheduler of its own, in memory
 * (RAMJobStore, one thread). When the clustered scheduler runs, it can take this job over; until
 * then, set IMAP_* on one instance only.
 */
public final class InboundService implements Service {
    private final InboundPoller poller;
    private final Duration interval;
    private Scheduler scheduler;

    public InboundService(InboundPoller poller, Duration interval) {
        this.poller = poller;
        this.interval = interval;
    }

    @Override
    public String name() {
        return "request mailbox poll (every " + interval.toString().substring(2).toLowerCase(java.util.Locale.ROOT) + ")";
    }

    @Override
    public synchronized void start() throws SchedulerException {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "paper-digest-inbound");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", "1");
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "inbound-poll");
        scheduler = new StdSchedulerFactory(p).getScheduler();
        scheduler.getContext().put(MailboxPollJob.POLLER, poller);
        JobDetail job = JobBuilder.newJob(MailboxPollJob.class).withIdentity("poll-request-mailbox", "inbound").build();
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity("every-interval", "inbound").startNow()
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(interval.toMillis())
                        .repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
        scheduler.scheduleJob(job, trigger);
        scheduler.start();
    }

    @Override
    public synchronized void stop() throws SchedulerException {
        if (scheduler != null) {
            scheduler.shutdown(true);
            scheduler = null;
        }
    }
}
