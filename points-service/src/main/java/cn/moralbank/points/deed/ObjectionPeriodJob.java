package cn.moralbank.points.deed;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Runs the objection-period process shortly after start-up (periods that ended while the application was down are
 * settled then) and every minute after. Settings {@code moralbank.deeds.objection-job.enabled}, {@code .first-run}
 * and {@code .interval} (MORALBANK_DEEDS_OBJECTION_JOB_*); off with {@code enabled=false}, e.g. in tests that drive
 * the process themselves.
 * <p>
 * The settings were named {@code moralbank.deeds.notice-job.*} (MORALBANK_DEEDS_NOTICE_JOB_*) before 公示期 was
 * called the objection period throughout; the old names are still read when the new ones are not set (and the web
 * application warns about them at start, {@code RetiredSettings}). That is why the schedule is set here from the
 * environment and not by {@code @Scheduled}, whose placeholders cannot fall back from one name to another.
 */
@Singleton
@Requires(property = "moralbank.deeds.objection-job.enabled", notEquals = "false")
@Requires(property = ObjectionPeriodJob.OLD + "enabled", notEquals = "false")
class ObjectionPeriodJob implements ApplicationEventListener<StartupEvent> {
    static final String NEW = "moralbank.deeds.objection-job.";
    static final String OLD = "moralbank.deeds.notice-job.";
    private static final Logger LOG = LoggerFactory.getLogger(ObjectionPeriodJob.class);

    private final ObjectionPeriodProcess process;
    private final TaskScheduler scheduler;
    private final Duration firstRun;
    private final Duration interval;

    ObjectionPeriodJob(ObjectionPeriodProcess process, @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
                       Environment environment) {
        this.process = process;
        this.scheduler = scheduler;
        this.firstRun = setting(environment, "first-run", Duration.ofSeconds(10));
        this.interval = setting(environment, "interval", Duration.ofMinutes(1));
    }

    /** The setting under its name, else under the name it had before, else the default. */
    static Duration setting(Environment environment, String name, Duration otherwise) {
        return environment.getProperty(NEW + name, Duration.class)
                .or(() -> environment.getProperty(OLD + name, Duration.class))
                .orElse(otherwise);
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        scheduler.scheduleWithFixedDelay(firstRun, interval, this::run);
    }

    void run() {
        try {
            int booked = process.settleDue();
            if (booked > 0) {
                LOG.info("objection periods ended: {} deeds booked", booked);
            }
        } catch (RuntimeException e) {
            LOG.warn("objection-period run failed, retried at the next run", e);
        }
    }
}
