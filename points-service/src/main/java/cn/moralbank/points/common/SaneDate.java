package cn.moralbank.points.common;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

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

    /**
     * A date typed as text (ISO, {@code 2026-12-06}), read only within the window: the one way the product parses a
     * date from text (an architecture rule forbids {@code LocalDate.parse} anywhere else), so a form, a query value or
     * a file cell of the year 1 or +99999 is refused like any text that is not a date, by the caller's own message.
     *
     * @throws java.time.format.DateTimeParseException when the text is not a date, or a date outside the window
     */
    public static LocalDate parse(CharSequence text) {
        LocalDate date = LocalDate.parse(text);
        if (!within(date)) {
            throw new DateTimeParseException("a date outside " + FIRST + " to " + LAST, text, 0);
        }
        return date;
    }

    /** The date, or {@link BadInput} {@code date.out-of-range} naming the field. */
    public static LocalDate require(LocalDate date, String field) {
        if (!within(date)) {
            throw new BadInput("date.out-of-range", field, String.valueOf(date), FIRST, LAST);
        }
        return date;
    }
}
