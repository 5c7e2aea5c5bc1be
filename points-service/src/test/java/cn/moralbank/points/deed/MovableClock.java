package cn.moralbank.points.deed;

import io.micronaut.context.annotation.Replaces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The application's clock in tests: starts at the real now and moves only when a test moves it. In whole
 * microseconds, as PostgreSQL keeps them, so instants read back compare equal.
 */
@Singleton
@Replaces(Clock.class)
public class MovableClock extends Clock {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private volatile Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
        return ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(now, zone);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
