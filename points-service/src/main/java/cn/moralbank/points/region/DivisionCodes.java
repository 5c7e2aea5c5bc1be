package cn.moralbank.points.region;

import cn.moralbank.points.common.BadInput;

/**
 * The national statistical division codes (统计用区划代码) each level carries: a city 6 digits ending in 00
 * (130800), a county or district 6 digits (130826), a township 9 (130826100), a village 12 (130826100201), each
 * beginning with its parent's; a grid has none and is numbered within its village (the village's code and 01-999).
 */
public final class DivisionCodes {
    private DivisionCodes() {
    }

    /** Refuses (422) a code that does not fit the level or does not begin with its parent's. */
    public static void check(RegionLevel level, String code, Region parent) {
        String c = code == null ? "" : code.strip();
        boolean ok = switch (level) {
            case CITY -> c.matches("[0-9]{4}00") && !c.endsWith("0000");
            case COUNTY -> c.matches("[0-9]{6}") && !c.endsWith("00")
                    && (parent == null || c.startsWith(parent.code().substring(0, 4)));
            case TOWNSHIP -> c.matches("[0-9]{9}") && parent != null && c.startsWith(parent.code());
            case VILLAGE -> c.matches("[0-9]{12}") && parent != null && c.startsWith(parent.code());
            case GRID -> parent != null && c.startsWith(parent.code())
                    && c.substring(parent.code().length()).matches("[0-9]{2,3}")
                    && Integer.parseInt(c.substring(parent.code().length())) > 0;
        };
        if (!ok) {
            throw new BadInput("region.division-code.invalid", c, level.name(), parent == null ? "" : parent.code());
        }
    }

    /** The code of a village's grid number n: 130826100201 and 3 give 13082610020103. */
    public static String gridCode(Region village, int number) {
        if (number < 1 || number > 999) {
            throw new BadInput("region.grid-number.invalid", number);
        }
        return village.code() + (number < 100 ? String.format("%02d", number) : String.valueOf(number));
    }
}
