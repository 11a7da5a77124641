package org.paperdigest.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Quartz job that fetches the catalog's feed sources (DIGEST_SOURCES) on DIGEST_SOURCES_CRON.
 * Thin on purpose: the work, and its one log line per source, are in {@code catalog}. On
 * PostgreSQL the clustered job store runs it on one instance only.
 */
@DisallowConcurrentExecution
final class SourceRefreshJob implements Job {
    static final String NAME = "catalog-sources";
    private static final Logger log = LoggerFactory.getLogger(SourceRefreshJob.class);

    private final Runnable refresh;

    SourceRefreshJob(Runnable refresh) {
        this.refresh = refresh;
    }

    @Override
    public void execute(JobExecutionContext context) {
        try {
            refresh.run();
        } catch (RuntimeException e) {
            // A source never stops anything else: the next fire tries again.
            log.warn("Fetching the catalog sources failed: {}", e.getMessage());
        }
    }
}
