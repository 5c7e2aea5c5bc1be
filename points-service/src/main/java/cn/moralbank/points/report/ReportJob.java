package cn.moralbank.points.report;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the report schedule a while after start-up (late enough for the projections to have caught up after a
 * restart) and every ten minutes after: a period that ends at midnight has its reports within minutes. Off with
 * {@code moralbank.reports.job.enabled=false}.
 */
@Singleton
@Requires(property = "moralbank.reports.job.enabled", notEquals = "false")
class ReportJob {
    private static final Logger LOG = LoggerFactory.getLogger(ReportJob.class);
    private final ReportSchedule schedule;

    ReportJob(ReportSchedule schedule) {
        this.schedule = schedule;
    }

    @Scheduled(initialDelay = "${moralbank.reports.job.first-run:2m}",
            fixedDelay = "${moralbank.reports.job.interval:10m}")
    void run() {
        try {
            schedule.runDue();
        } catch (RuntimeException e) {
            LOG.warn("report run failed, retried at the next run", e);
        }
    }
}
