package cn.moralbank.web.pages.deeds;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The notice board's "还有 N 天": counted in calendar days of the villages' zone. */
class TimesDaysLeftTest {
    private static final ZoneId HEBEI = ZoneId.of("Asia/Shanghai");

    private static long left(String now, Duration until) {
        Instant at = ZonedDateTime.parse(now).toInstant();
        return new Times(Clock.fixed(at, HEBEI)).daysLeft(at.plus(until));
    }

    @Test
    void aSevenDayPeriodPostedNowHasSevenDaysLeft() {
        assertEquals(7, left("2026-12-06T09:30:00+08:00[Asia/Shanghai]", Duration.ofDays(7)));
        // a moment later the same day it still ends seven calendar days on
        assertEquals(7, left("2026-12-06T09:30:01+08:00[Asia/Shanghai]", Duration.ofDays(7).minusSeconds(1)));
        assertEquals(7, left("2026-12-06T23:59:00+08:00[Asia/Shanghai]", Duration.ofDays(7)));
    }

    @Test
    void theDayBeforeTheLastHasOneDayAndTheLastDayNone() {
        assertEquals(1, left("2026-12-12T18:00:00+08:00[Asia/Shanghai]", Duration.ofHours(16)));
        assertEquals(0, left("2026-12-13T08:00:00+08:00[Asia/Shanghai]", Duration.ofHours(1)));
        assertEquals(0, left("2026-12-13T10:00:00+08:00[Asia/Shanghai]", Duration.ofHours(-1)));
    }

    @Test
    void daysAreTheVillagesNotUtc() {
        // 07:00 in Hebei is 23:00 UTC the day before: still seven days in the village
        assertEquals(7, left("2026-12-06T07:00:00+08:00[Asia/Shanghai]", Duration.ofDays(7)));
    }
}
