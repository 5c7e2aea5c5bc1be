package cn.moralbank.points.household;

import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.PlainText;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A setting a county office chooses on its settings page, each checked here so a bad value is refused with a
 * message (422) before anything is written.
 */
public enum CountySetting {
    /** 公示期: days a confirmed deed stays on the notice board before it is credited, 0-30. */
    NOTICE_DAYS,
    /** 基础分: points a new household's account opens with. */
    BASE_SCORE,
    /** a household under this many stars in the last published star round may not redeem (0: no such rule). */
    BLOCK_BELOW_STARS,
    /** points a blocked household must earn in the following year to redeem again. */
    RECOVERY_POINTS,
    /** which reports are made on their own: some of WEEK, MONTH, QUARTER, YEAR (empty: none). */
    REPORT_SCHEDULE,
    /** the county's name on pages and printed papers, e.g. 丰宁满族自治县. */
    DISPLAY_NAME;

    /** The reports a county may have made on its own, shortest period first; all of them while it never chose. */
    public static final List<String> REPORTS = List.of("WEEK", "MONTH", "QUARTER", "YEAR");
    private static final Set<String> REPORT_KINDS = Set.copyOf(REPORTS);
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,9}");

    /** The value as it is stored, or a refusal naming the setting and the allowed range. */
    public String check(String raw) {
        String value = raw == null ? "" : raw.strip();
        return switch (this) {
            case NOTICE_DAYS -> number(value, 0, 30);
            case BASE_SCORE -> number(value, 0, 10_000);
            case BLOCK_BELOW_STARS -> number(value, 0, 5);
            case RECOVERY_POINTS -> number(value, 0, 100_000);
            case REPORT_SCHEDULE -> schedule(value);
            case DISPLAY_NAME -> {
                // shown in every page's top bar and on print: a name, with nothing hidden or reversed in it
                if (value.isEmpty() || value.length() > 50 || !PlainText.name(value)) {
                    throw new BadInput("settings.DISPLAY_NAME.invalid", PlainText.storable(value) ? value : "");
                }
                yield value;
            }
        };
    }

    private String number(String value, long min, long max) {
        if (!NUMBER.matcher(value).matches() || Long.parseLong(value) < min || Long.parseLong(value) > max) {
            throw new BadInput("settings." + name() + ".invalid", value, min, max);
        }
        return String.valueOf(Long.parseLong(value));
    }

    private String schedule(String value) {
        StringBuilder out = new StringBuilder();
        for (String kind : REPORT_KINDS.stream().sorted().toList()) {
            if (value.toUpperCase().contains(kind)) {
                out.append(out.isEmpty() ? "" : ",").append(kind);
            }
        }
        for (String part : value.toUpperCase().split("[,\\s]+")) {
            if (!part.isEmpty() && !REPORT_KINDS.contains(part)) {
                throw new BadInput("settings.REPORT_SCHEDULE.invalid", value);
            }
        }
        return out.toString();
    }
}
