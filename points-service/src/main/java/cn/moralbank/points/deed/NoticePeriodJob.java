package cn.moralbank.points.deed;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the notice-period process shortly after start-up (periods that ended while the application was down are
 * settled then) and every minute after. Off with {@code moralbank.deeds.notice-job.enabled=false}, e.g. in tests
 * that drive the process themselves.
 */
@Singleton
@Requires(property = "moralbank.deeds.notice-job.enabled", notEquals = "false")
class NoticePeriodJob {
    private static final Logger LOG = LoggerFactory.getLogger(NoticePeriodJob.class);
    private final NoticePeriodProcess process;

    NoticePeriodJob(NoticePeriodProcess process) {
        this.process = process;
    }

    @Scheduled(initialDelay = "${moralbank.deeds.notice-job.first-run:10s}",
            fixedDelay = "${moralbank.deeds.notice-job.interval:1m}")
    void run() {
        try {
            int booked = process.settleDue();
            if (booked > 0) {
                LOG.info("notice periods ended: {} deeds booked", booked);
            }
        } catch (RuntimeException e) {
            LOG.warn("notice-period run failed, retried at the next run", e);
        }
    }
}
