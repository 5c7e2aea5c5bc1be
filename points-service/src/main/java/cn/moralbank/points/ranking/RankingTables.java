package cn.moralbank.points.ranking;

import cn.moralbank.points.common.SqlRows;
import cn.moralbank.points.common.ViewTables;
import cn.moralbank.points.common.BatchedStatements;
import cn.moralbank.points.rules.Category;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The writes of the ranking projection, in plain SQL: additive upserts, so the order of batches does not matter.
 * The deeds' rows are written when the batch commits ({@link BatchedStatements}); confirming and revoking deeds
 * read their rows, so they are resolved after those ({@link #resolve}).
 */
@Singleton
class RankingTables {
    private final SqlRows jdbc;
    private final BatchedStatements statements;
    private final ViewTables tables;
    private final Places places;

    RankingTables(SqlRows jdbc, BatchedStatements statements, ViewTables tables, Places places) {
        this.jdbc = jdbc;
        this.places = places;
        this.tables = tables;
        this.statements = statements;
    }

    /**
     * Writes a batch's sums: households first, then regions, then region sizes, each in one statement over rows in
     * key order (the lock order every batch shares). A household's row is kept where the household is (its grid and
     * path read from the household table as the row is written; an existing row keeps the place it has, which a move
     * changes, {@link RankingMoves}), and what its sums add to regions goes to the place its row names. The
     * households' good-deed counts after the change tell which households just started (or stopped) taking part,
     * which the regions then count.
     */
    void flush(RankingDeltas deltas) {
        if (deltas.isEmpty()) {
            return;
        }
        if (!deltas.households.isEmpty()) {
            Map<RankingDeltas.HouseholdKey, Written> written = households(deltas);
            for (var entry : deltas.households.entrySet()) {
                Written row = written.get(entry.getKey());
                if (row == null) {
                    continue; // no household registered for the account: left out, as its place is unknown
                }
                Period period = Period.parse(entry.getKey().period());
                long[] change = entry.getValue().values;
                deltas.addRegionsOf(row.place(), period, change, 1);
                long before = row.deeds() - change[RankingDeltas.DEEDS];
                int participants = before <= 0 && row.deeds() > 0 ? 1 : before > 0 && row.deeds() <= 0 ? -1 : 0;
                if (participants != 0) {
                    deltas.addRegions(row.place(), period, RankingDeltas.PARTICIPANTS, participants);
                }
            }
        }
        if (!deltas.opened.isEmpty()) {
            opened(deltas);
        }
        if (!deltas.regions.isEmpty()) {
            regions(deltas);
        }
        if (!deltas.sizes.isEmpty()) {
            sizes(deltas);
        }
    }

    /** A household row as written: the place it is kept at and its good deeds after the change. */
    private record Written(Place place, long deeds) {
    }

    /** Upserts the households' rows where the households are; answers each row's place and good deeds after. */
    private Map<RankingDeltas.HouseholdKey, Written> households(RankingDeltas deltas) {
        int n = deltas.households.size();
        String[] periods = new String[n];
        String[] ids = new String[n];
        Long[][] columns = new Long[RankingDeltas.HOUSEHOLD_COLUMNS][n];
        int i = 0;
        for (var entry : deltas.households.entrySet()) {
            periods[i] = entry.getKey().period();
            ids[i] = entry.getKey().householdId();
            for (int c = 0; c < RankingDeltas.HOUSEHOLD_COLUMNS; c++) {
                columns[c][i] = entry.getValue().values[c];
            }
            i++;
        }
        Object[] arguments = new Object[2 + RankingDeltas.HOUSEHOLD_COLUMNS];
        arguments[0] = periods;
        arguments[1] = ids;
        System.arraycopy(columns, 0, arguments, 2, columns.length);
        Map<RankingDeltas.HouseholdKey, Written> written = new HashMap<>();
        jdbc.list("""
                INSERT INTO ranking_household (period, household_id, grid_id, region_path, earned, credited,
                  penalised, redeemed, deeds, pts_material, pts_political, pts_spiritual, pts_social, pts_ecological,
                  deeds_material, deeds_political, deeds_spiritual, deeds_social, deeds_ecological)
                SELECT u.period, u.household_id, h.grid_id, h.region_path, u.earned, u.credited, u.penalised,
                  u.redeemed, u.deeds, u.pts_material, u.pts_political, u.pts_spiritual, u.pts_social,
                  u.pts_ecological, u.deeds_material, u.deeds_political, u.deeds_spiritual, u.deeds_social,
                  u.deeds_ecological
                FROM unnest(?::varchar[], ?::varchar[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],
                  ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],
                  ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])
                  AS u(period, household_id, earned, credited, penalised, redeemed, deeds, pts_material,
                    pts_political, pts_spiritual, pts_social, pts_ecological, deeds_material, deeds_political,
                    deeds_spiritual, deeds_social, deeds_ecological)
                JOIN household h ON h.id = u.household_id
                ORDER BY 1, 2
                ON CONFLICT (period, household_id) DO UPDATE SET
                  earned = ranking_household.earned + excluded.earned,
                  credited = ranking_household.credited + excluded.credited,
                  penalised = ranking_household.penalised + excluded.penalised,
                  redeemed = ranking_household.redeemed + excluded.redeemed,
                  deeds = ranking_household.deeds + excluded.deeds,
                  pts_material = ranking_household.pts_material + excluded.pts_material,
                  pts_political = ranking_household.pts_political + excluded.pts_political,
                  pts_spiritual = ranking_household.pts_spiritual + excluded.pts_spiritual,
                  pts_social = ranking_household.pts_social + excluded.pts_social,
                  pts_ecological = ranking_household.pts_ecological + excluded.pts_ecological,
                  deeds_material = ranking_household.deeds_material + excluded.deeds_material,
                  deeds_political = ranking_household.deeds_political + excluded.deeds_political,
                  deeds_spiritual = ranking_household.deeds_spiritual + excluded.deeds_spiritual,
                  deeds_social = ranking_household.deeds_social + excluded.deeds_social,
                  deeds_ecological = ranking_household.deeds_ecological + excluded.deeds_ecological
                RETURNING period, household_id, deeds, grid_id, region_path""", rs -> {
            written.put(new RankingDeltas.HouseholdKey(rs.getString(1), rs.getString(2)),
                    new Written(places.at(rs.getLong(4), rs.getString(5)), rs.getLong(3)));
            return Boolean.TRUE;
        }, arguments);
        return written;
    }

    /**
     * Counts the households whose accounts the batch opened into the sizes of their places, once each: those on the
     * register (a household that moved out, 迁出, or was merged into another, 合户, is not counted; a replay then
     * agrees with the live count, which such a change took it out of).
     */
    private void opened(RankingDeltas deltas) {
        jdbc.list("""
                INSERT INTO ranking_household_place (household_id, grid_id, region_path)
                SELECT id, grid_id, region_path FROM household WHERE id = ANY (?) AND status = 'ACTIVE' ORDER BY id
                ON CONFLICT (household_id) DO NOTHING
                RETURNING grid_id, region_path""", rs -> {
            deltas.countIn(places.at(rs.getLong(1), rs.getString(2)), 1);
            return Boolean.TRUE;
        }, (Object) deltas.opened.toArray(String[]::new));
    }

    private void regions(RankingDeltas deltas) {
        int n = deltas.regions.size();
        String[] periods = new String[n];
        Long[] ids = new Long[n];
        Long[] parents = new Long[n];
        String[] levels = new String[n];
        Long[][] columns = new Long[RankingDeltas.REGION_COLUMNS][n];
        int i = 0;
        for (var entry : deltas.regions.entrySet()) {
            periods[i] = entry.getKey().period();
            ids[i] = entry.getKey().regionId();
            parents[i] = entry.getValue().parentId;
            levels[i] = entry.getValue().level;
            for (int c = 0; c < RankingDeltas.REGION_COLUMNS; c++) {
                columns[c][i] = entry.getValue().values[c];
            }
            i++;
        }
        Object[] arguments = new Object[4 + RankingDeltas.REGION_COLUMNS];
        arguments[0] = periods;
        arguments[1] = ids;
        arguments[2] = parents;
        arguments[3] = levels;
        System.arraycopy(columns, 0, arguments, 4, columns.length);
        jdbc.update("""
                INSERT INTO ranking_region (period, region_id, parent_id, level, earned, credited, penalised,
                  redeemed, deeds, participants, deeds_material, deeds_political, deeds_spiritual, deeds_social,
                  deeds_ecological)
                SELECT * FROM unnest(?::varchar[], ?::bigint[], ?::bigint[], ?::varchar[], ?::bigint[], ?::bigint[],
                  ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],
                  ?::bigint[], ?::bigint[]) ORDER BY 1, 2
                ON CONFLICT (period, region_id) DO UPDATE SET
                  earned = ranking_region.earned + excluded.earned,
                  credited = ranking_region.credited + excluded.credited,
                  penalised = ranking_region.penalised + excluded.penalised,
                  redeemed = ranking_region.redeemed + excluded.redeemed,
                  deeds = ranking_region.deeds + excluded.deeds,
                  participants = ranking_region.participants + excluded.participants,
                  deeds_material = ranking_region.deeds_material + excluded.deeds_material,
                  deeds_political = ranking_region.deeds_political + excluded.deeds_political,
                  deeds_spiritual = ranking_region.deeds_spiritual + excluded.deeds_spiritual,
                  deeds_social = ranking_region.deeds_social + excluded.deeds_social,
                  deeds_ecological = ranking_region.deeds_ecological + excluded.deeds_ecological""", arguments);
    }

    private void sizes(RankingDeltas deltas) {
        int n = deltas.sizes.size();
        Long[] ids = new Long[n];
        Long[] parents = new Long[n];
        String[] levels = new String[n];
        Long[] households = new Long[n];
        int i = 0;
        for (var entry : deltas.sizes.entrySet()) {
            ids[i] = entry.getKey();
            parents[i] = entry.getValue().parentId;
            levels[i] = entry.getValue().level;
            households[i] = (long) entry.getValue().households;
            i++;
        }
        jdbc.update("""
                INSERT INTO ranking_region_size (region_id, parent_id, level, households)
                SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::varchar[], ?::bigint[]) ORDER BY 1
                ON CONFLICT (region_id) DO UPDATE SET
                  households = ranking_region_size.households + excluded.households""", ids, parents, levels,
                households);
    }

    void deedReported(String deedId, String householdId, String regionPath, String reporter, String reporterRole,
                      Category category, long points, LocalDate deedDate, LocalDate reportedOn) {
        statements.add(RankingProjection.NAME, deedId, """
                INSERT INTO ranking_deed (deed_id, household_id, region_path, reporter, reporter_role, category,
                  points, deed_date, reported_on, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'REPORTED') ON CONFLICT (deed_id) DO NOTHING""", deedId,
                householdId, regionPath, reporter, reporterRole, category, points, deedDate, reportedOn);
    }

    void deedStatus(String deedId, String status) {
        statements.add(RankingProjection.NAME, deedId, "UPDATE ranking_deed SET status = ? WHERE deed_id = ?", status,
                deedId);
    }

    void deedObjected(String deedId) {
        statements.add(RankingProjection.NAME, deedId, "UPDATE ranking_deed SET objected = true WHERE deed_id = ?",
                deedId);
    }

    /**
     * Marks the batch's deeds confirmed (once: a repeat takes no effect) or revoked (only a confirmed one), in event
     * order, a run of either kind in one statement; answers those that took effect, as their rows counted them. What
     * the batch still holds for the deeds' rows is sent first.
     */
    List<RankingBatch.Counted> resolve(RankingBatch batch) {
        List<RankingBatch.Counted> counted = new ArrayList<>();
        if (batch.deeds.isEmpty()) {
            return counted;
        }
        statements.sendWaiting(RankingProjection.NAME);
        List<RankingBatch.DeedChange> run = new ArrayList<>();
        for (RankingBatch.DeedChange change : batch.deeds) {
            if (!run.isEmpty() && run.get(0).confirmation() != change.confirmation()) {
                resolveRun(run, counted);
                run.clear();
            }
            run.add(change);
        }
        resolveRun(run, counted);
        return counted;
    }

    private void resolveRun(List<RankingBatch.DeedChange> changes, List<RankingBatch.Counted> counted) {
        // a deed confirmed twice in one run counts its first confirmation, as one by one (a repeat takes no effect)
        Map<String, RankingBatch.DeedChange> firsts = new LinkedHashMap<>();
        changes.forEach(change -> firsts.putIfAbsent(change.deedId(), change));
        List<RankingBatch.DeedChange> run = List.copyOf(firsts.values());
        int n = run.size();
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = run.get(i).deedId();
        }
        if (run.get(0).confirmation()) {
            Long[] points = new Long[n];
            String[] days = new String[n];
            for (int i = 0; i < n; i++) {
                points[i] = run.get(i).points();
                days[i] = run.get(i).on().toString();
            }
            counted.addAll(jdbc.list("""
                    UPDATE ranking_deed d SET status = 'CONFIRMED', points = c.points, confirmed_on = c.day
                    FROM unnest(?::varchar[], ?::bigint[], ?::date[]) AS c(deed_id, points, day)
                    WHERE d.deed_id = c.deed_id AND d.status <> 'CONFIRMED' AND d.status <> 'REVOKED'
                    RETURNING """ + holderSql("d.household_id") + """
                      , d.category, d.points, d.confirmed_on""",
                    rs -> new RankingBatch.Counted(counted(rs), 1), ids, points, days));
        } else {
            counted.addAll(jdbc.list("""
                    UPDATE ranking_deed d SET status = 'REVOKED'
                    WHERE d.deed_id = ANY(?::varchar[]) AND d.status = 'CONFIRMED'
                    RETURNING """ + holderSql("d.household_id") + """
                      , d.category, d.points, d.confirmed_on""",
                    rs -> new RankingBatch.Counted(counted(rs), -1), (Object) ids));
        }
    }

    /** The household that holds this household's points now (itself, or the end of its chain of merges, 合户). */
    String holderNow(String household) {
        return jdbc.one("SELECT " + holderSql("CAST(? AS varchar)"), rs -> rs.getString(1), household)
                .orElse(household);
    }

    /**
     * The household that holds a deed's household's points now: itself, or the one it was merged into (合户), to the
     * end of the chain. A deed counts there, as the merged household's rows were handed on
     * ({@link RankingMoves#absorb}): its deed and its account are two streams, which a rebuild may handle in either
     * order, and a deed counted for the dissolved household after its rows were handed on listed it again.
     */
    private static String holderSql(String column) {
        return """
                (WITH RECURSIVE up (id, depth) AS (
                   SELECT %s, 0
                   UNION ALL SELECT m.merged_into, up.depth + 1 FROM household_merge m JOIN up ON m.household_id = up.id
                   WHERE up.depth < 100)
                 SELECT id FROM up ORDER BY depth DESC LIMIT 1)""".formatted(column);
    }

    private static CountedDeed counted(ResultSet rs) throws SQLException {
        return new CountedDeed(rs.getString(1), Category.valueOf(rs.getString(2)), rs.getLong(3),
                rs.getDate(4).toLocalDate());
    }

    void clear() {
        tables.empty("ranking_household", "ranking_region", "ranking_region_size", "ranking_deed",
                "ranking_household_place", "ranking_place_change");
    }

    record CountedDeed(String householdId, Category category, long points, LocalDate confirmedOn) {
    }
}
