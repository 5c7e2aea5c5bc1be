package cn.moralbank.points.common;

import java.util.regex.Pattern;

/**
 * The form of a phone number a household or a person gives (a mobile, a landline with its area code, an
 * international number): digits, spaces and hyphens, beginning with a digit or one {@code +} and ending with a digit.
 * Nothing else can begin it: an export writes phones as text, and a cell of {@code +1+1+1} or {@code -1-1-1} would
 * read in a spreadsheet as a sum.
 */
public final class PhoneNumber {
    /** 5 to 20 digits, spaces and hyphens after an optional {@code +}, for {@code @Pattern} as well. */
    public static final String FORM = "\\+?[0-9][0-9 -]{3,18}[0-9]";
    private static final Pattern PATTERN = Pattern.compile(FORM);

    private PhoneNumber() {
    }

    public static boolean valid(String phone) {
        return PATTERN.matcher(phone).matches();
    }
}
