package cn.moralbank.points.rules;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LimitPeriodTest {
    @Test
    void aLimitCountsInTheCalendarMonthQuarterOrYearOfTheDeedsDate() {
        LocalDate may20 = LocalDate.of(2024, 5, 20);
        assertEquals(LocalDate.of(2024, 5, 1), LimitPeriod.MONTH.firstDay(may20));
        assertEquals(LocalDate.of(2024, 5, 31), LimitPeriod.MONTH.lastDay(may20));
        assertEquals(LocalDate.of(2024, 4, 1), LimitPeriod.QUARTER.firstDay(may20));
        assertEquals(LocalDate.of(2024, 6, 30), LimitPeriod.QUARTER.lastDay(may20));
        assertEquals(LocalDate.of(2024, 1, 1), LimitPeriod.YEAR.firstDay(may20));
        assertEquals(LocalDate.of(2024, 12, 31), LimitPeriod.YEAR.lastDay(may20));
        assertEquals(LocalDate.of(2024, 2, 29), LimitPeriod.MONTH.lastDay(LocalDate.of(2024, 2, 10)));
        assertEquals(LocalDate.of(2024, 12, 31), LimitPeriod.QUARTER.lastDay(LocalDate.of(2024, 11, 30)));
    }
}
