package cn.moralbank.points.common;

import java.util.regex.Pattern;

/**
 * A whole number typed into a form or a file cell, read strictly: ASCII digits, an optional minus, at most 18 digits.
 * {@link Long#parseLong} also takes a plus sign and every script's digits (full-width １２, Arabic-Indic ٣), so a
 * form read "１２" as 12 where the JSON edge refuses it; and a cast to int quietly cut 4294967297 to 1. Anything else
 * is a {@link NumberFormatException}, as the callers already expect of a bad number.
 */
public final class WholeNumber {
    private static final Pattern FORM = Pattern.compile("-?[0-9]{1,18}");

    private WholeNumber() {
    }

    public static long parse(String text) {
        String s = text == null ? "" : text.strip();
        if (!FORM.matcher(s).matches()) {
            throw new NumberFormatException("not a whole number: " + s);
        }
        return Long.parseLong(s);
    }

    /** As {@link #parse}, within an int's range. */
    public static int parseInt(String text) {
        long value = parse(text);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new NumberFormatException("out of range: " + value);
        }
        return (int) value;
    }
}
