package cn.moralbank.points.infra.axon;

import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The event store's time stamps read digit by digit, as Axon's own parser reads them. */
class StoredTimestampsTest {

    @Test
    void readsEveryTimeStampAxonWritesAsAxonReadsIt() {
        Random random = new Random(7);
        long from = Instant.parse("1999-01-01T00:00:00Z").toEpochMilli();
        long to = Instant.parse("2101-01-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < 100_000; i++) {
            Instant at = Instant.ofEpochMilli(from + (long) (random.nextDouble() * (to - from)));
            String stored = DateTimeUtils.formatInstant(at);
            assertEquals(DateTimeUtils.parseInstant(stored), StoredTimestamps.parse(stored), stored);
        }
        for (String edge : new String[] {"2024-02-29T23:59:59.999Z", "2026-12-31T00:00:00.000Z",
                "2000-01-01T00:00:00.001Z", "1970-01-01T00:00:00.000Z"}) {
            assertEquals(DateTimeUtils.parseInstant(edge), StoredTimestamps.parse(edge), edge);
        }
    }

    @Test
    void leavesAnyOtherShapeToAxonsParser() {
        for (String other : new String[] {"2026-12-07T12:00:00.123+08:00", "2026-12-07T04:12:00.123456Z",
                "2026-12-07T04:12:00Z"}) {
            assertEquals(DateTimeUtils.parseInstant(other), StoredTimestamps.parse(other), other);
        }
        for (String wrong : new String[] {"2026-02-30T04:12:00.123Z", "2026-12-07T24:12:00.123Z",
                "2026-12-07T04:60:00.123Z", "2026-1x-07T04:12:00.123Z", "not a time stamp at all!!"}) {
            assertThrows(DateTimeParseException.class, () -> StoredTimestamps.parse(wrong), wrong);
        }
    }
}
