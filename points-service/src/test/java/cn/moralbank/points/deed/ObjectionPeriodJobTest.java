package cn.moralbank.points.deed;

import io.micronaut.context.env.DefaultEnvironment;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The job's settings under their name, and under the name they had before (notice-job), which installs may use. */
class ObjectionPeriodJobTest {
    private static final Duration DEFAULT = Duration.ofMinutes(1);

    @Test
    void theObjectionJobsSettingWinsTheOldNoticeJobNameIsStillReadAndWithNeitherTheDefaultHolds() {
        assertEquals(DEFAULT, interval(Map.of()));
        assertEquals(Duration.ofSeconds(30), interval(Map.of("moralbank.deeds.notice-job.interval", "30s")));
        assertEquals(Duration.ofSeconds(5), interval(Map.of("moralbank.deeds.objection-job.interval", "5s",
                "moralbank.deeds.notice-job.interval", "30s")));
    }

    private static Duration interval(Map<String, Object> settings) {
        Environment environment = new DefaultEnvironment(() -> List.of("test"));
        environment.addPropertySource(PropertySource.of("settings", settings));
        environment.start();
        try {
            return ObjectionPeriodJob.setting(environment, "interval", DEFAULT);
        } finally {
            environment.stop();
        }
    }
}
