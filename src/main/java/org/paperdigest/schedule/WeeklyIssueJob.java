package org.paperdigest.schedule;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.function.Consumer;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz job of the weekly schedule: hands the fire time to delivery, then sets the one-shot
 * trigger to the next fire time (Quartz keeps a trigger rescheduled during its own run).
 */
@DisallowConcurrentExecution
final class WeeklyIssueJob implements Job {
    private static final Logger log = LoggerFactory.getLogger(WeeklyIssueJob.class);
    static final JobKey JOB = JobKey.jobKey("weekly-issue", "paper-digest");
    static final TriggerKey TRIGGER = TriggerKey.triggerKey("weekly-issue-trigger", "paper-digest");

    private final Consumer<Instant> fire;
    private final CronFireTimes fireTimes;

    WeeklyIssueJob(Consumer<Instant> fire, CronFireTimes fireTimes) {
        this.fire = fire;
        this.fireTimes = fireTimes;
    }

    /** The one-shot trigger of the weekly issue at {@code at}. */
    static Trigger trigger(Instant at) {
        return TriggerBuilder.newTrigger()
                .withIdentity(TRIGGER)
                .forJob(JOB)
                .startAt(Date.from(at))
                // Quartz does not replay misses; the delivery worker's catch-up owns that.
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
    }

    @Override
    public void execute(JobExecutionContext context) {
        Instant scheduled = context.getScheduledFireTime().toInstant();
        try {
            fire.accept(scheduled);
        } finally {
            Optional<Instant> next = fireTimes.next(later(scheduled, Instant.now()));
            try {
                if (next.isPresent()) {
                    context.getScheduler().rescheduleJob(TRIGGER, trigger(next.get()));
                    log.info("Next issue due {}", fireTimes.describe(next.get()));
                }
            } catch (SchedulerException e) {
                log.error("Cannot set the schedule's next fire time {}: {}", next.get(), e.getMessage());
            }
        }
    }

    private static Instant later(Instant a, Instant b) {
        return b.isAfter(a) ? b : a;
    }
}
