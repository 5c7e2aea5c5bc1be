package cn.moralbank.web.pages.dashboard;

import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.WholeNumber;

import java.util.Map;

/** Reading numbers out of posted forms: a field that is missing or not a number is refused (422), not a 500. */
public final class Forms {
    private Forms() {
    }

    public static long number(Map<String, String> form, String field) {
        String value = form.get(field);
        try {
            return WholeNumber.parse(value);
        } catch (NumberFormatException e) {
            throw new BadInput("form.number.invalid", field, String.valueOf(value));
        }
    }

    public static int whole(Map<String, String> form, String field) {
        long value = number(form, field);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new BadInput("form.number.invalid", field, String.valueOf(value));
        }
        return (int) value;
    }

    public static String text(Map<String, String> form, String field) {
        String value = form.get(field);
        return value == null ? "" : value.strip();
    }
}
