package org.paperdigest.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.paperdigest.Service;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.spi.JobFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the weekly issue with Quartz on DIGEST_CRON in DIGEST_TIMEZONE. On SQLite (one instance)
 * Quartz keeps its trigger in memory; on PostgreSQL it uses the clustered JDBC job store in the
 * same database, so of several instances exactly one fires each issue. Missed fires are not
 * replayed by Quartz: the delivery worker's catch-up sends the latest one within the grace window.
 * The trigger is a one-shot at the next fire time of {@link CronFireTimes}, set again after each
 * fire: Quartz's own cron trigger would need a legacy {@code TimeZone} (which turns {@code UTC+05:30}
 * into GMT) and skips a time that falls in a spring-forward gap.
 */
public final class DigestScheduler implements Service {
    private static final Logger log = LoggerFactory.getLogger(DigestScheduler.class);
    private static final JobKey JOB = WeeklyIssueJob.JOB;

    private final CronFireTimes fireTimes;
    private final DataSource clusterStore;
    private final String instanceName;
    private final Consumer<Instant> fire;
    private final Map<String, Poll> polls = new LinkedHashMap<>();
    private String sourcesCron;
    private Runnable sourcesRefresh;
    private Scheduler scheduler;

    /** A task run every {@code interval}, never twice at once (across the cluster on PostgreSQL). */
    private record Poll(Duration interval, Runnable task) {}

    /**
     * @param clusterStore the PostgreSQL data source for Quartz's tables, or null for an in-memory store
     * @param fire what to do at each fire time (start the issue due then)
     */
    public DigestScheduler(CronFireTimes fireTimes, DataSource clusterStore, String instanceName, Consumer<Instant> fire) {
        this.fireTimes = fireTimes;
        this.clusterStore = clusterStore;
        this.instanceName = instanceName;
        this.fire = fire;
    }

    /**
     * Adds a task run every {@code interval} (a mailbox poll). On PostgreSQL only one instance of the
     * cluster runs it at a time, so a message is never answered twice. Call before {@link #start()}.
     */
    public DigestScheduler every(String what, Duration interval, Runnable task) {
        polls.put(what, new Poll(interval, task));
        return this;
    }

    /** Fetches the catalog's sources on {@code cron} (in the schedule's time zone). Call before {@link #start()}. */
    public DigestScheduler refreshSources(String cron, Runnable refresh) {
        this.sourcesCron = cron;
        this.sourcesRefresh = refresh;
        return this;
    }

    @Override
    public String name() {
        StringBuilder b = new StringBuilder("weekly schedule (" + fireTimes.schedule() + (clusterStore != null ? ", clustered" : "") + ")");
        polls.forEach((what, poll) -> b.append(", ").append(what).append(" every ").append(brief(poll.interval())));
        if (sourcesRefresh != null) {
            b.append(", catalog sources (").append(sourcesCron).append(")");
        }
        return b.toString();
    }

    private static String brief(Duration d) {
        long ms = d.toMillis();
        return ms % 60_000 == 0 ? ms / 60_000 + "m" : ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    @Override
    public void start() throws SchedulerException {
        Properties p = new Properties();
        // One logical scheduler per cluster: the instance name is shared, the instance id is not.
        p.setProperty("org.quartz.scheduler.instanceName", "paper-digest");
        p.setProperty("org.quartz.scheduler.instanceId", instanceName);
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        if (clusterStore != null) {
            String ds = "paper-digest-" + instanceName;
            DBConnectionManager.getInstance().addConnectionProvider(ds, new PooledConnections(clusterStore));
            p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
            p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
            p.setProperty("org.quartz.jobStore.dataSource", ds);
            p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
            p.setProperty("org.quartz.jobStore.isClustered", "true");
            p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "5000");
        } else {
            p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
            // Several in-memory schedulers may live in one JVM (tests): keep them apart.
            p.setProperty("org.quartz.scheduler.instanceName", "paper-digest-" + instanceName);
        }
        p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(1 + polls.size() + (sourcesRefresh != null ? 1 : 0)));
        scheduler = new StdSchedulerFactory(p).getScheduler();
        JobFactory jobs = (bundle, s) -> {
            JobKey key = bundle.getJobDetail().getKey();
            if (key.getName().equals(SourceRefreshJob.NAME)) {
                return new SourceRefreshJob(sourcesRefresh);
            }
            return key.equals(JOB) ? new WeeklyIssueJob(fire, fireTimes) : new PollJob(key.getName(), polls.get(key.getName()).task());
        };
        scheduler.setJobFactory(jobs);
        for (Map.Entry<String, Poll> e : polls.entrySet()) {
            JobDetail poll = JobBuilder.newJob(PollJob.class).withIdentity(e.getKey(), "paper-digest-polls").storeDurably().build();
            Trigger every = TriggerBuilder.newTrigger()
                    .withIdentity(e.getKey() + "-trigger", "paper-digest-polls")
                    .forJob(poll)
                    .startNow()
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                            .withIntervalInMilliseconds(e.getValue().interval().toMillis())
                            .repeatForever()
                            .withMisfireHandlingInstructionNextWithRemainingCount())
                    .build();
            scheduler.scheduleJob(poll, Set.of(every), true);
        }
        if (sourcesRefresh != null) {
            JobDetail sources = JobBuilder.newJob(SourceRefreshJob.class).withIdentity(SourceRefreshJob.NAME, "paper-digest").storeDurably().build();
            scheduler.scheduleJob(sources, Set.of(TriggerBuilder.newTrigger().withIdentity(SourceRefreshJob.NAME + "-trigger", "paper-digest")
                    .forJob(sources).withSchedule(CronScheduleBuilder.cronSchedule(sourcesCron).inTimeZone(TimeZone.getTimeZone(fireTimes.schedule().zone().normalized()))
                            .withMisfireHandlingInstructionFireAndProceed()).build()), true);
        }
        JobDetail job = JobBuilder.newJob(WeeklyIssueJob.class).withIdentity(JOB).storeDurably().build();
        List<Instant> upcoming = fireTimes.schedule().next(Instant.now(), 3);
        // Removed, then set again: keeps the stored trigger in step with DIGEST_CRON when it changes,
        // and clears a cron trigger an older version stored under the same key.
        scheduler.unscheduleJob(WeeklyIssueJob.TRIGGER);
        if (upcoming.isEmpty()) {
            scheduler.addJob(job, true);
        } else {
            scheduler.scheduleJob(job, Set.of(WeeklyIssueJob.trigger(upcoming.get(0))), true);
        }
        scheduler.start();
        log.info("Weekly schedule {}: next issues {}", fireTimes.schedule(), upcoming.isEmpty() ? "never (the expression"
                + " has no future fire time)" : String.join("; ", upcoming.stream().map(fireTimes::describe).toList()));
    }

    @Override
    public void stop() throws SchedulerException {
        if (scheduler != null) {
            scheduler.shutdown(true);
        }
    }

    /** Lends Quartz connections from paper-digest's own pool. */
    private static final class PooledConnections implements ConnectionProvider {
        private final DataSource dataSource;

        PooledConnections(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {
            // the pool belongs to the application, which closes it
        }

        @Override
        public void initialize() {
            // nothing: the pool is already open
        }
    }
}
