package cn.moralbank.points.rules;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.ZoneId;

/**
 * The application's clock, as a bean so that tests can move time (an objection period ending, a rule version taking
 * effect). Its zone is the villages' ({@code moralbank.zone}, default Asia/Shanghai): a deed's date and "today" are
 * local dates there, whatever zone the server runs in. Steps aside if another module already provides a clock.
 */
@Factory
class ClockFactory {
    @Singleton
    @Requires(missingBeans = Clock.class)
    Clock clock(@Value("${moralbank.zone:Asia/Shanghai}") String zone) {
        return Clock.system(ZoneId.of(zone));
    }
}
