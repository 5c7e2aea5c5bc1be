package cn.moralbank.web.startup;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.env.DefaultEnvironment;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetiredSettingsTest {
    @Test
    void aRetiredSettingStillSetIsWarnedAboutNamingWhatReplacedItAndAbsentNothingIsSaid() {
        assertEquals(List.of(), warningsWith(Map.of("moralbank.kiosk.pin-delay", "15s")));
        List<String> warnings = warningsWith(Map.of("moralbank.kiosk.pin-lock", "15m"));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("moralbank.kiosk.pin-lock")
                && warnings.get(0).contains("MORALBANK_KIOSK_PIN_DELAY"), warnings.get(0));
    }

    @Test
    void aRenamedSettingStillSetIsWarnedAboutAsDeprecatedNamingItsNewName() {
        assertEquals(List.of(), warningsWith(Map.of("moralbank.deeds.objection-job.interval", "1m")));
        List<String> warnings = warningsWith(Map.of("moralbank.deeds.notice-job.interval", "1m"));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("deprecated")
                && warnings.get(0).contains("MORALBANK_DEEDS_OBJECTION_JOB_INTERVAL"), warnings.get(0));
    }

    private static List<String> warningsWith(Map<String, Object> settings) {
        Logger log = (Logger) LoggerFactory.getLogger(RetiredSettings.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        log.addAppender(appender);
        Environment environment = new DefaultEnvironment(() -> List.of("test"));
        environment.addPropertySource(PropertySource.of("settings", settings));
        environment.start();
        try {
            new RetiredSettings(environment);
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        } finally {
            log.detachAppender(appender);
            environment.stop();
        }
    }
}
