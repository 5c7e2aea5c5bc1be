package cn.moralbank.points.ranking;

import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.rules.Category;

import java.util.Locale;

/**
 * What a ranking orders by. Households: points earned, good deeds, or points of one civilisation. Regions: points
 * earned, points per household (so a large village does not win by size), participation (share of households with a
 * good deed confirmed in the period), good deeds, or good deeds of one civilisation.
 */
public enum Measure {
    EARNED, PER_HOUSEHOLD, PARTICIPATION, DEEDS, MATERIAL, POLITICAL, SPIRITUAL, SOCIAL, ECOLOGICAL;

    /** The civilisation this measure counts, or null. */
    public Category category() {
        return ordinal() >= MATERIAL.ordinal() ? Category.valueOf(name()) : null;
    }

    /** Whether households can be ranked by it (per household and participation are measures of regions). */
    public boolean ofHouseholds() {
        return this != PER_HOUSEHOLD && this != PARTICIPATION;
    }

    public static Measure parse(String text) {
        try {
            return text == null || text.isBlank() ? EARNED
                    : valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new BadInput("ranking.measure.unknown", text);
        }
    }
}
