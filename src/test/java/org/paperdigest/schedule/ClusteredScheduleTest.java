package org.paperdigest.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.App;
import org.paperdigest.testing.TestEnv;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

/** On PostgreSQL the weekly trigger is a one-shot stored in Quartz's tables, also where an older version stored a cron trigger. */
class ClusteredScheduleTest {
    @TempDir
    Path dir;

    @Test
    void a_cron_trigger_stored_by_an_older_version_is_replaced_by_the_next_fire_time() throws Exception {
        assumeTrue(TestEnv.postgresUrl() != null, "DIGEST_TEST_POSTGRES_URL is not set");
        TestEnv env = TestEnv.postgresIn(dir).set("DIGEST_CRON", "0 30 1 ? * SUN").set("DIGEST_TIMEZONE", "Europe/London");
        try (App app = new App(env.config(), Clock.systemUTC())) {
            DigestScheduler first = new DigestScheduler(app.fireTimes(), app.database().dataSource(), "first", t -> {});
            first.start();
            first.stop();
            storeOldCronTrigger("first");

            DigestScheduler upgraded = new DigestScheduler(app.fireTimes(), app.database().dataSource(), "upgraded", t -> {});
            upgraded.start();
            try {
                Instant expected = app.fireTimes().next(Instant.now()).orElseThrow();
                app.database().withConnection(c -> {
                    try (PreparedStatement ps = c.prepareStatement(
                            "SELECT trigger_type, next_fire_time FROM qrtz_triggers WHERE trigger_name = 'weekly-issue-trigger'");
                         ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(1)).isEqualTo("SIMPLE");
                        assertThat(rs.getLong(2)).isEqualTo(expected.toEpochMilli());
                        assertThat(rs.next()).isFalse();
                    }
                    return null;
                });
            } finally {
                upgraded.stop();
            }
        }
    }

    /** Stores the cron trigger the previous version kept under the same key (through the pool "first" registered). */
    private static void storeOldCronTrigger(String registeredInstance) throws Exception {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "paper-digest");
        p.setProperty("org.quartz.scheduler.instanceId", "old-version");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", "paper-digest-" + registeredInstance);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.threadPool.threadCount", "1");
        Scheduler old = new StdSchedulerFactory(p).getScheduler();
        JobDetail job = JobBuilder.newJob(WeeklyIssueJob.class).withIdentity(WeeklyIssueJob.JOB).storeDurably().build();
        Trigger cron = TriggerBuilder.newTrigger().withIdentity(WeeklyIssueJob.TRIGGER).forJob(job)
                .withSchedule(CronScheduleBuilder.cronSchedule("0 30 1 ? * SUN").inTimeZone(TimeZone.getTimeZone("Europe/London")))
                .build();
        old.scheduleJob(job, Set.of(cron), true);
        old.shutdown(false);
    }
}
