package cn.moralbank.points.ranking;

import cn.moralbank.points.common.BadInput;
import org.jmolecules.architecture.onion.simplified.DomainRing;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A period of the rankings, by its key: {@code ALL}, a year {@code 2026}, a quarter {@code 2026-Q4}, a month
 * {@code 2026-11} or an ISO week {@code 2026-W48}. Dates are the villages' local dates; {@code end} is exclusive.
 */
@DomainRing
public record Period(PeriodKind kind, String key) {
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");
    /** Nothing before the first moral bank (2014) nor absurdly far on is a period anyone means. */
    private static final int FIRST_YEAR = 2000;
    private static final int LAST_YEAR = 2100;
    public static final Period ALL = new Period(PeriodKind.ALL, "ALL");

    public Period {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
    }

    /** The period of a kind that holds the date. */
    public static Period of(PeriodKind kind, LocalDate date) {
        return switch (kind) {
            case ALL -> ALL;
            case YEAR -> new Period(kind, String.valueOf(date.getYear()));
            case QUARTER -> new Period(kind, date.getYear() + "-Q" + date.get(IsoFields.QUARTER_OF_YEAR));
            // concatenation, not String.format: a replay asks this five times for every entry (docs/performance.md)
            case MONTH -> new Period(kind, date.getYear() + "-" + twoDigits(date.getMonthValue()));
            case WEEK -> new Period(kind, date.get(IsoFields.WEEK_BASED_YEAR) + "-W"
                    + twoDigits(date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
        };
    }

    private static String twoDigits(int value) {
        return value < 10 ? "0" + value : String.valueOf(value);
    }

    /** The periods of every kind that hold the date: where an entry of that day counts. */
    public static List<Period> holding(LocalDate date) {
        return List.of(of(PeriodKind.WEEK, date), of(PeriodKind.MONTH, date), of(PeriodKind.QUARTER, date),
                of(PeriodKind.YEAR, date), ALL);
    }

    /** Reads a key a person or a client typed; a malformed one is refused with {@code ranking.period.malformed}. */
    public static Period parse(String text) {
        String key = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        if (key.equals("ALL")) {
            return ALL;
        }
        try {
            Matcher m;
            if ((m = YEAR.matcher(key)).matches()) {
                return checked(PeriodKind.YEAR, LocalDate.of(year(m), 1, 1), key);
            }
            if ((m = QUARTER.matcher(key)).matches()) {
                return checked(PeriodKind.QUARTER, LocalDate.of(year(m), 3 * Integer.parseInt(m.group(2)) - 2, 1), key);
            }
            if ((m = MONTH.matcher(key)).matches()) {
                return checked(PeriodKind.MONTH, LocalDate.of(year(m), Integer.parseInt(m.group(2)), 1), key);
            }
            if ((m = WEEK.matcher(key)).matches()) {
                LocalDate monday = LocalDate.of(year(m), 1, 4)
                        .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, Integer.parseInt(m.group(2)))
                        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                return checked(PeriodKind.WEEK, monday, key);
            }
        } catch (DateTimeException e) {
            // a month 13 or a week 60: malformed like any other typo
        }
        throw new BadInput("ranking.period.malformed", String.valueOf(text));
    }

    /** The period's key must name itself: 2026-W53 of a year with 52 weeks is refused, not moved on. */
    private static Period checked(PeriodKind kind, LocalDate start, String key) {
        Period period = of(kind, start);
        if (!period.key.equals(key)) {
            throw new BadInput("ranking.period.malformed", key);
        }
        if (start.getYear() < FIRST_YEAR || start.getYear() > LAST_YEAR) {
            // well formed, but outside the years the product's dates reach
            throw new BadInput("ranking.period.out-of-range", key, String.valueOf(FIRST_YEAR),
                    String.valueOf(LAST_YEAR));
        }
        return period;
    }

    private static int year(Matcher m) {
        return Integer.parseInt(m.group(1));
    }

    /** The first day of the period (for ALL, the first day any period could have). */
    public LocalDate start() {
        return switch (kind) {
            case ALL -> LocalDate.of(FIRST_YEAR, 1, 1);
            case YEAR -> LocalDate.of(Integer.parseInt(key), 1, 1);
            case QUARTER -> LocalDate.of(Integer.parseInt(key.substring(0, 4)),
                    3 * Integer.parseInt(key.substring(6)) - 2, 1);
            case MONTH -> LocalDate.of(Integer.parseInt(key.substring(0, 4)), Integer.parseInt(key.substring(5)), 1);
            case WEEK -> LocalDate.of(Integer.parseInt(key.substring(0, 4)), 1, 4)
                    .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, Integer.parseInt(key.substring(6)))
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        };
    }

    /** The day after the period's last day. */
    public LocalDate end() {
        return switch (kind) {
            case ALL -> LocalDate.of(LAST_YEAR, 1, 1);
            case YEAR -> start().plusYears(1);
            case QUARTER -> start().plusMonths(3);
            case MONTH -> start().plusMonths(1);
            case WEEK -> start().plusWeeks(1);
        };
    }

    /** The period of the same kind just before this one. */
    public Period previous() {
        return kind == PeriodKind.ALL ? this : of(kind, start().minusDays(1));
    }

    /** Whether the period has begun by the given day: a period wholly in the future has nothing to rank. */
    public boolean begunBy(LocalDate today) {
        return !start().isAfter(today);
    }

    /** Whether the period is over by the given day. */
    public boolean endedBy(LocalDate today) {
        return !end().isAfter(today);
    }

    /** Refuses a period that has not begun: {@code ranking.period.future}. */
    public Period requireBegun(LocalDate today) {
        if (!begunBy(today)) {
            throw new BadInput("ranking.period.future", key);
        }
        return this;
    }

    @Override
    public String toString() {
        return key;
    }
}
