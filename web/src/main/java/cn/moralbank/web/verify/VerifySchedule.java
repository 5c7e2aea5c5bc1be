package cn.moralbank.web.verify;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;
import io.micronaut.context.env.Environment;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

/**
 * Verify every night (cron {@code moralbank.verify.job.cron}, default 02:30 server time). On unless
 * {@code moralbank.verify.job.enabled=false} (MORALBANK_VERIFY_JOB_ENABLED); in tests off unless set to true.
 */
@Singleton
@Requires(condition = VerifySchedule.Enabled.class)
class VerifySchedule {
    private final VerifyJob job;

    VerifySchedule(VerifyJob job) {
        this.job = job;
    }

    @Scheduled(cron = "${moralbank.verify.job.cron:0 30 2 * * *}")
    void nightly() {
        job.runNow(VerifyRuns.Trigger.SCHEDULED, "");
    }

    /** The property when given; otherwise on, except in the test environment. */
    public static final class Enabled implements Condition {
        @Override
        public boolean matches(ConditionContext context) {
            var beans = context.getBeanContext();
            if (!(beans instanceof ApplicationContext app)) {
                return true;
            }
            Environment environment = app.getEnvironment();
            return environment.getProperty("moralbank.verify.job.enabled", Boolean.class)
                    .orElse(!environment.getActiveNames().contains(Environment.TEST));
        }
    }
}
