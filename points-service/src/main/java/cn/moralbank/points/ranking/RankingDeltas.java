package cn.moralbank.points.ranking;

import cn.moralbank.points.rules.Category;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The sums one batch of events adds to the ranking tables, gathered in memory and written once at the end of the
 * batch. A household's sums are gathered by household; what they add to its regions is worked out when they are
 * written, from the place its rows are kept at (where the household is now), so that a household that moves takes
 * its sums along and a batch still holding its old place cannot leave any behind ({@link RankingMoves}). Gathered,
 * a hundred ledger entries of one village become a few ordered statements instead of two thousand. The
 * statements write their rows in key order ({@code ORDER BY} in {@link RankingTables}), and every batch writes
 * households before regions, so concurrent segments lock those rows in the same order and do not wait on each other
 * in a circle over them (a move of households, {@link RankingMoves}, may still meet a batch in one: one is
 * retried). So the sums are gathered in hash maps: sorted maps compared period and household texts for every
 * period of every entry (docs/performance.md, "Session 12").
 */
final class RankingDeltas {
    static final int EARNED = 0;
    static final int CREDITED = 1;
    static final int PENALISED = 2;
    static final int REDEEMED = 3;
    /** Good deeds confirmed: on households and regions alike. */
    static final int DEEDS = 4;
    /** Households: points of confirmed deeds by civilisation follow, in the order of {@link Category}. */
    static final int FIRST_POINTS = 5;
    /** Households: then good deeds by civilisation, which their regions count too. */
    static final int FIRST_DEEDS = FIRST_POINTS + Category.values().length;
    static final int HOUSEHOLD_COLUMNS = FIRST_DEEDS + Category.values().length;
    /** Regions: households that took part, then good deeds by civilisation in the order of {@link Category}. */
    static final int PARTICIPANTS = 5;
    static final int FIRST_CATEGORY = 6;
    static final int REGION_COLUMNS = FIRST_CATEGORY + Category.values().length;

    final Map<HouseholdKey, Row> households = new HashMap<>();
    final Map<RegionKey, Row> regions = new HashMap<>();
    final Map<Long, Size> sizes = new HashMap<>();
    /** Households whose accounts this batch opened. */
    final Set<String> opened = new LinkedHashSet<>();

    /** Adds to a household's sums of a period; its regions get the same when the batch is written, where it is. */
    void addHousehold(String householdId, Period period, int column, long amount) {
        households.computeIfAbsent(new HouseholdKey(period.key(), householdId),
                k -> new Row(null, null, null, HOUSEHOLD_COLUMNS)).values[column] += amount;
    }

    void addRegions(Place place, Period period, int column, long amount) {
        for (Place.Node node : place.chain()) {
            regions.computeIfAbsent(new RegionKey(period.key(), node.regionId()),
                    k -> new Row(place, node.parentId(), node.level(), REGION_COLUMNS)).values[column] += amount;
        }
    }

    /**
     * What a household's sums of one period add to each region of its place (sign 1) or take from it (-1): the same
     * earned, credited, penalised, redeemed and good deeds, and its good deeds by civilisation.
     */
    void addRegionsOf(Place place, Period period, long[] household, int sign) {
        for (int c = EARNED; c <= DEEDS; c++) {
            addRegions(place, period, c, sign * household[c]);
        }
        for (int c = 0; c < Category.values().length; c++) {
            addRegions(place, period, FIRST_CATEGORY + c, sign * household[FIRST_DEEDS + c]);
        }
    }

    /** A household's account was opened: counted in its place's sizes when the batch is written. */
    void countHousehold(String householdId) {
        opened.add(householdId);
    }

    /** Counts a household into the sizes of a place's regions (1) or out of them (-1). */
    void countIn(Place place, int sign) {
        for (Place.Node node : place.chain()) {
            sizes.computeIfAbsent(node.regionId(), k -> new Size(node.parentId(), node.level())).households += sign;
        }
    }

    boolean isEmpty() {
        return households.isEmpty() && regions.isEmpty() && sizes.isEmpty() && opened.isEmpty();
    }

    record HouseholdKey(String period, String householdId) {
    }

    record RegionKey(String period, long regionId) {
    }

    static final class Row {
        final Place place;
        final Long parentId;
        final String level;
        final long[] values;

        Row(Place place, Long parentId, String level, int columns) {
            this.place = place;
            this.parentId = parentId;
            this.level = level;
            this.values = new long[columns];
        }
    }

    static final class Size {
        final Long parentId;
        final String level;
        int households;

        Size(Long parentId, String level) {
            this.parentId = parentId;
            this.level = level;
        }
    }
}
