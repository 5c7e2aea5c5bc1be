package cn.moralbank.web.pages.deeds;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Instants as the village reads them: in the villages' zone (the application clock's), whatever zone the server runs
 * in. A period that ends at 09:30 in Hebei must not read 01:30 on a notice board.
 */
@Singleton
public class Times {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private final Clock clock;

    Times(Clock clock) {
        this.clock = clock;
    }

    public String date(@Nullable Instant instant) {
        return instant == null ? "" : DATE.format(instant.atZone(clock.getZone()));
    }

    public String minute(@Nullable Instant instant) {
        return instant == null ? "" : MINUTE.format(instant.atZone(clock.getZone()));
    }

    /**
     * Days left until an instant as a calendar counts them in the villages' zone: a 7-day period posted today has 7
     * days left (it ends on the same hour seven days on), 1 on the day before its last, 0 on its last day or after.
     */
    public long daysLeft(@Nullable Instant instant) {
        if (instant == null) {
            return 0;
        }
        LocalDate today = clock.instant().atZone(clock.getZone()).toLocalDate();
        LocalDate last = instant.atZone(clock.getZone()).toLocalDate();
        return Math.max(0, ChronoUnit.DAYS.between(today, last));
    }
}
