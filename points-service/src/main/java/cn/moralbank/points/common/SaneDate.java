package cn.moralbank.points.common;

import java.time.LocalDate;

/**
 * The days the product deals in: rules, deeds, rounds and reports all fall between these. A date outside (0001-01-01,
 * +99999-01-01: a typo or an attack) is refused where it comes in, at the JSON edge and in the services.
 */
public final class SaneDate {
    public static final LocalDate FIRST = LocalDate.of(2000, 1, 1);
    public static final LocalDate LAST = LocalDate.of(2100, 12, 31);

    private SaneDate() {
    }

    public static boolean within(LocalDate date) {
        return date == null || (!date.isBefore(FIRST) && !date.isAfter(LAST));
    }

    /** The date, or {@link BadInput} {@code date.out-of-range} naming the field. */
    public static LocalDate require(LocalDate date, String field) {
        if (!within(date)) {
            throw new BadInput("date.out-of-range", field, String.valueOf(date), FIRST, LAST);
        }
        return date;
    }
}
