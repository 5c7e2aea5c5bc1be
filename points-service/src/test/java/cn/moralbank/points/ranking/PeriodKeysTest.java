package cn.moralbank.points.ranking;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The keys of ranking periods, which the ranking tables store: their form must not change. */
class PeriodKeysTest {

    @Test
    void monthsAndWeeksHaveTwoDigits() {
        LocalDate march = LocalDate.of(2026, 3, 5);
        assertEquals("2026-03", Period.of(PeriodKind.MONTH, march).key());
        assertEquals("2026-W10", Period.of(PeriodKind.WEEK, march).key());
        assertEquals("2026-Q1", Period.of(PeriodKind.QUARTER, march).key());
        assertEquals("2026", Period.of(PeriodKind.YEAR, march).key());
        assertEquals("2026-12", Period.of(PeriodKind.MONTH, LocalDate.of(2026, 12, 1)).key());
    }

    @Test
    void aWeekBelongsToItsWeekBasedYear() {
        assertEquals("2026-W53", Period.of(PeriodKind.WEEK, LocalDate.of(2027, 1, 1)).key());
        assertEquals("2026-W01", Period.of(PeriodKind.WEEK, LocalDate.of(2025, 12, 29)).key());
    }
}
