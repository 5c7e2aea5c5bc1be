package cn.moralbank.points.ranking;

import cn.moralbank.points.common.SqlRows;
import cn.moralbank.points.rules.Category;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A household's points count where the household is now: when it moves to another grid, or its village merges into
 * another (合村并居), its rows of every period, and its share of every region's sums and sizes, move with it. That is
 * also what a replay counts, which reads every household's place as it is now; before, a moved household was listed
 * where it had been while its region's figures did not hold it, and a deed revoked after the move was taken from the
 * new grid while the old one kept it (the attacker's finds).
 *
 * <p>The move itself (PlacesAfterMerge) moves them in its own transaction ({@link #moved}), queues the households in
 * {@code ranking_place_change} and bumps {@code place_version}. Every batch writes a household's sums to regions from
 * the place its row is kept at ({@link RankingTables#flush}), so a batch that still held the old place adds to the new
 * one once the row moved, or has its sums moved along if it wrote the row first (the move waits for it); a row such a
 * batch added while the move was committing is moved by the first batch on any node that sees the count change,
 * which takes the queue ({@link #apply}).
 */
@Singleton
class RankingMoves {
    /** The sums of a household's row that its regions hold too, in the order of {@link RankingDeltas}' columns. */
    private static final String[] SUMS = {"earned", "credited", "penalised", "redeemed", "deeds", "deeds_material",
            "deeds_political", "deeds_spiritual", "deeds_social", "deeds_ecological"};
    /** The same, as a statement returns them from a row named {@code r}. */
    private static final String ROW_SUMS = String.join(", ", Arrays.stream(SUMS).map(c -> "r." + c).toList());
    /** A household counted out of its place: its place row taken away, the place it named returned. */
    private static final String PLACE_OUT =
            "DELETE FROM ranking_household_place WHERE household_id = ? RETURNING grid_id, region_path";

    private final SqlRows jdbc;
    private final Places places;
    private final RankingTables tables;

    RankingMoves(SqlRows jdbc, Places places, RankingTables tables) {
        this.jdbc = jdbc;
        this.places = places;
        this.tables = tables;
    }

    /**
     * Moves the households' rankings to where they are now, in the transaction that moved them, so the pages show
     * it at once; and queues them, so that the next batch of the projection moves whatever a batch writing at the
     * same moment still wrote where they were (a row it added before the move committed).
     */
    void moved(Collection<String> households) {
        if (households.isEmpty()) {
            return;
        }
        String[] ids = households.stream().sorted().distinct().toArray(String[]::new);
        RankingDeltas deltas = new RankingDeltas();
        move(deltas, ids);
        tables.flush(deltas);
        jdbc.update("""
                INSERT INTO ranking_place_change (household_id) SELECT unnest(?::varchar[]) ORDER BY 1
                ON CONFLICT DO NOTHING""", (Object) ids);
    }

    /**
     * A household that left the register (迁出) is counted out of its place's households, in the change's own
     * transaction; one that came back is counted in again. Its rows stay: its points stay in the periods it earned
     * them. A rebuild counts only households on the register ({@link RankingTables#flush}), so it agrees.
     */
    void register(String household, boolean onRegister) {
        RankingDeltas deltas = new RankingDeltas();
        if (onRegister) {
            countPlaces(deltas, """
                    INSERT INTO ranking_household_place (household_id, grid_id, region_path)
                    SELECT id, grid_id, region_path FROM household WHERE id = ?
                    ON CONFLICT (household_id) DO NOTHING RETURNING grid_id, region_path""", 1, household);
        } else {
            countPlaces(deltas, PLACE_OUT, -1, household);
        }
        tables.flush(deltas);
    }

    /** Counts the households whose place rows the statement adds (1) or takes away (-1) in or out of their places. */
    private void countPlaces(RankingDeltas deltas, String statement, int sign, String household) {
        jdbc.list(statement, rs -> {
            deltas.countIn(places.at(rs.getLong(1), rs.getString(2)), sign);
            return Boolean.TRUE;
        }, household);
    }

    /** Takes the queued households and adds the moves of what is left where they were to the batch's deltas. */
    void apply(RankingDeltas deltas) {
        List<String> queued = jdbc.list("DELETE FROM ranking_place_change RETURNING household_id",
                rs -> rs.getString(1));
        if (!queued.isEmpty()) {
            move(deltas, queued.stream().sorted().toArray(String[]::new));
        }
    }

    /**
     * 合户: the merged household's rankings become the household's it joined, as its points did (a transfer, which the
     * rankings do not count): its rows of every period are added to the other's, where that one is kept, and it is
     * counted out of its place; what the batch still holds for it goes the same way. Before, the dissolved household
     * stayed listed, first of its village and on the honour roll, and no village ever counted fewer households.
     * They go to the end of the chain of merges as it stands ({@code household_merge}), as a deed's count does.
     */
    void absorb(RankingDeltas deltas, String merged, String joined) {
        // the household that holds the points now: a chain (X into Y, then Y into Z) whose closings a rebuild's
        // segments handle out of order must not bring Y back as X's rows arrive after Y's went on to Z
        String into = tables.holderNow(joined);
        List<Map.Entry<RankingDeltas.HouseholdKey, RankingDeltas.Row>> held = deltas.households.entrySet().stream()
                .filter(entry -> entry.getKey().householdId().equals(merged)).toList();
        for (var entry : held) {
            deltas.households.remove(entry.getKey());
            Period period = Period.parse(entry.getKey().period());
            long[] values = entry.getValue().values;
            for (int c = 0; c < values.length; c++) {
                deltas.addHousehold(into, period, c, values[c]);
            }
        }
        jdbc.list("""
                DELETE FROM ranking_household r WHERE r.household_id = ?
                RETURNING r.period, r.grid_id, r.region_path, r.pts_material, r.pts_political, r.pts_spiritual,
                  r.pts_social, r.pts_ecological, """ + ROW_SUMS, rs -> {
            Period period = Period.parse(rs.getString(1));
            Place from = places.at(rs.getLong(2), rs.getString(3));
            long[] household = sums(rs, 9);
            for (int c = 0; c < Category.values().length; c++) {
                household[RankingDeltas.FIRST_POINTS + c] = rs.getLong(4 + c);
            }
            deltas.addRegionsOf(from, period, household, -1);
            if (household[RankingDeltas.DEEDS] > 0) {
                deltas.addRegions(from, period, RankingDeltas.PARTICIPANTS, -1);
            }
            for (int c = 0; c < household.length; c++) {
                deltas.addHousehold(into, period, c, household[c]);
            }
            return Boolean.TRUE;
        }, merged);
        if (!deltas.opened.remove(merged)) {
            countPlaces(deltas, PLACE_OUT, -1, merged);
        }
    }

    /**
     * The deeds' rows first, then the households', then the sizes', then (when the deltas are written) the regions':
     * the order in which a batch locks them too, so a move and a batch seldom wait for each other in a circle. They
     * still can (a batch's deeds and a move's are not locked in one key order): PostgreSQL then ends one of them, the
     * batch is handled again and the move answered "try again" (409), nothing half written (the attacker saw both
     * under a loop of moves while deeds were settled, and every figure agreed).
     */
    private void move(RankingDeltas deltas, String[] ids) {
        // the deeds' rows name the place too (the grid workers' ratings read them by county)
        jdbc.update("""
                UPDATE ranking_deed d SET region_path = h.region_path FROM household h
                WHERE d.household_id = h.id AND d.household_id = ANY (?) AND d.region_path <> h.region_path""",
                (Object) ids);
        moveRows(deltas, ids);
        moveSizes(deltas, ids);
    }

    private void moveRows(RankingDeltas deltas, String[] ids) {
        jdbc.list("""
                WITH old AS (
                  SELECT period, household_id, grid_id, region_path FROM ranking_household
                  WHERE household_id = ANY (?) ORDER BY period, household_id FOR UPDATE)
                UPDATE ranking_household r SET grid_id = h.grid_id, region_path = h.region_path
                FROM old JOIN household h ON h.id = old.household_id
                WHERE r.period = old.period AND r.household_id = old.household_id
                  AND (r.grid_id <> h.grid_id OR r.region_path <> h.region_path)
                RETURNING r.period, old.grid_id, old.region_path, r.grid_id, r.region_path, """ + ROW_SUMS, rs -> {
            Period period = Period.parse(rs.getString(1));
            Place from = places.at(rs.getLong(2), rs.getString(3));
            Place to = places.at(rs.getLong(4), rs.getString(5));
            long[] household = sums(rs, 6);
            deltas.addRegionsOf(from, period, household, -1);
            deltas.addRegionsOf(to, period, household, 1);
            if (household[RankingDeltas.DEEDS] > 0) {
                deltas.addRegions(from, period, RankingDeltas.PARTICIPANTS, -1);
                deltas.addRegions(to, period, RankingDeltas.PARTICIPANTS, 1);
            }
            return Boolean.TRUE;
        }, (Object) ids);
    }

    /** A household row's {@link #SUMS}, read from the result's columns from {@code first} on, as deltas hold them. */
    private static long[] sums(ResultSet rs, int first) throws SQLException {
        long[] household = new long[RankingDeltas.HOUSEHOLD_COLUMNS];
        for (int c = RankingDeltas.EARNED; c <= RankingDeltas.DEEDS; c++) {
            household[c] = rs.getLong(first + c);
        }
        for (int c = 0; c < Category.values().length; c++) {
            household[RankingDeltas.FIRST_DEEDS + c] = rs.getLong(first + RankingDeltas.DEEDS + 1 + c);
        }
        return household;
    }

    private void moveSizes(RankingDeltas deltas, String[] ids) {
        jdbc.list("""
                WITH old AS (
                  SELECT household_id, grid_id, region_path FROM ranking_household_place
                  WHERE household_id = ANY (?) ORDER BY household_id FOR UPDATE)
                UPDATE ranking_household_place p SET grid_id = h.grid_id, region_path = h.region_path
                FROM old JOIN household h ON h.id = old.household_id
                WHERE p.household_id = old.household_id
                  AND (p.grid_id <> h.grid_id OR p.region_path <> h.region_path)
                RETURNING old.grid_id, old.region_path, p.grid_id, p.region_path""", rs -> {
            deltas.countIn(places.at(rs.getLong(1), rs.getString(2)), -1);
            deltas.countIn(places.at(rs.getLong(3), rs.getString(4)), 1);
            return Boolean.TRUE;
        }, (Object) ids);
    }
}
