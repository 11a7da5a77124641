package org.paperdigest.schedule;

import java.util.function.Consumer;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** The Quartz job of the weekly schedule: hands the fire time to delivery, nothing more. */
@DisallowConcurrentExecution
final class WeeklyIssueJob implements Job {
    private final Consumer<java.time.Instant> fire;

    WeeklyIssueJob(Consumer<java.time.Instant> fire) {
        this.fire = fire;
    }

    @Override
    public void execute(JobExecutionContext context) {
        fire.accept(context.getScheduledFireTime().toInstant());
    }
}
