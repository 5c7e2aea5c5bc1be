package cn.moralbank.web.startup;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Settings a release retired or renamed: a county that still sets one gets a warning at start naming what replaced
 * it, instead of a setting that is silently ignored. A renamed setting is still read under its old name (where it
 * is read, e.g. {@code ObjectionPeriodJob}) until the county moves to the new one.
 */
@Context
final class RetiredSettings {
    private static final Logger LOG = LoggerFactory.getLogger(RetiredSettings.class);

    /** A retired property (as set in application.yml or as MORALBANK_… in the environment) and what replaced it. */
    record Retired(String property, String replacedBy) {
    }

    static final List<Retired> RETIRED = List.of(
            new Retired("moralbank.kiosk.pin-lock", "a growing wait instead of a lock: MORALBANK_KIOSK_PIN_DELAY "
                    + "(first wait, 15s), MORALBANK_KIOSK_PIN_MAX_DELAY (5m), MORALBANK_KIOSK_PIN_FORGET (24h)"));

    /** A property still read under its old name, and its new name (as an environment variable). */
    record Renamed(String property, String newName) {
    }

    static final List<Renamed> RENAMED = List.of(
            // 公示期 is called the objection period throughout (glossary)
            new Renamed("moralbank.deeds.notice-job.enabled", "MORALBANK_DEEDS_OBJECTION_JOB_ENABLED"),
            new Renamed("moralbank.deeds.notice-job.first-run", "MORALBANK_DEEDS_OBJECTION_JOB_FIRST_RUN"),
            new Renamed("moralbank.deeds.notice-job.interval", "MORALBANK_DEEDS_OBJECTION_JOB_INTERVAL"));

    RetiredSettings(Environment environment) {
        for (Retired retired : RETIRED) {
            if (environment.containsProperty(retired.property())) {
                LOG.warn("The setting {} is no longer read (it is ignored): {}", retired.property(), retired.replacedBy());
            }
        }
        for (Renamed renamed : RENAMED) {
            if (environment.containsProperty(renamed.property())) {
                LOG.warn("The setting {} is deprecated: it is still read, but set {} instead", renamed.property(),
                        renamed.newName());
            }
        }
    }
}
