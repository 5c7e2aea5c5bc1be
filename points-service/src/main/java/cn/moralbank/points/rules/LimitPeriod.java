package cn.moralbank.points.rules;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/** The calendar period a rule's limit counts in (at most N per household per month / quarter / year). */
public enum LimitPeriod {
    MONTH, QUARTER, YEAR;

    /** The first day of the period that holds {@code date}. */
    public LocalDate firstDay(LocalDate date) {
        return switch (this) {
            case MONTH -> date.withDayOfMonth(1);
            case QUARTER -> date.with(IsoFields.DAY_OF_QUARTER, 1);
            case YEAR -> date.withDayOfYear(1);
        };
    }

    /** The last day of the period that holds {@code date}. */
    public LocalDate lastDay(LocalDate date) {
        return switch (this) {
            case MONTH -> date.with(TemporalAdjusters.lastDayOfMonth());
            case QUARTER -> firstDay(date).plusMonths(3).minusDays(1);
            case YEAR -> date.with(TemporalAdjusters.lastDayOfYear());
        };
    }
}
