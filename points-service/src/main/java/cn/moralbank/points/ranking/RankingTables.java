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

    RankingTables(SqlRows jdbc, BatchedStatements statements, ViewTables tables) {
        this.jdbc = jdbc;
        this.tables = tables;
        this.statements = statements;
    }

    /**
     * Writes a batch's sums: households first, then regions, then region sizes, each in one statement over rows in
     * key order (the lock order every batch shares). The households' good-deed counts after the change tell which
     * households just started (or stopped) taking part, which the regions then count.
     */
    void flush(RankingDeltas deltas) {
        if (deltas.isEmpty()) {
            return;
        }
        if (!deltas.households.isEmpty()) {
            participation(deltas, households(deltas));
        }
        if (!deltas.regions.isEmpty()) {
            regions(deltas);
        }
        if (!deltas.sizes.isEmpty()) {
            sizes(deltas);
        }
    }

    /** Upserts the households' rows; answers each row's good deeds after the change. */
    private Map<RankingDeltas.HouseholdKey, Long> households(RankingDeltas deltas) {
        int n = deltas.households.size();
        String[] periods = new String[n];
        String[] ids = new String[n];
        Long[] grids = new Long[n];
        String[] paths = new String[n];
        Long[][] columns = new Long[RankingDeltas.HOUSEHOLD_COLUMNS][n];
        int i = 0;
        for (var entry : deltas.households.entrySet()) {
            periods[i] = entry.getKey().period();
            ids[i] = entry.getKey().householdId();
            grids[i] = entry.getValue().place.gridId();
            paths[i] = entry.getValue().place.regionPath();
            for (int c = 0; c < RankingDeltas.HOUSEHOLD_COLUMNS; c++) {
                columns[c][i] = entry.getValue().values[c];
            }
            i++;
        }
        Object[] arguments = new Object[4 + RankingDeltas.HOUSEHOLD_COLUMNS];
        arguments[0] = periods;
        arguments[1] = ids;
        arguments[2] = grids;
        arguments[3] = paths;
        System.arraycopy(columns, 0, arguments, 4, columns.length);
        Map<RankingDeltas.HouseholdKey, Long> deeds = new HashMap<>();
        jdbc.list("""
                INSERT INTO ranking_household (period, household_id, grid_id, region_path, earned, credited,
                  penalised, redeemed, deeds, pts_material, pts_political, pts_spiritual, pts_social, pts_ecological)
                SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::bigint[], ?::varchar[], ?::bigint[],
                  ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],
                  ?::bigint[], ?::bigint[]) ORDER BY 1, 2
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
                  pts_ecological = ranking_household.pts_ecological + excluded.pts_ecological
                RETURNING period, household_id, deeds""", rs -> {
            deeds.put(new RankingDeltas.HouseholdKey(rs.getString(1), rs.getString(2)), rs.getLong(3));
            return Boolean.TRUE;
        }, arguments);
        return deeds;
    }

    /** A household whose good deeds went from none to some takes part (and the reverse); its regions count it. */
    private static void participation(RankingDeltas deltas, Map<RankingDeltas.HouseholdKey, Long> after) {
        for (var entry : deltas.households.entrySet()) {
            long change = entry.getValue().values[RankingDeltas.DEEDS];
            if (change == 0) {
                continue;
            }
            long now = after.getOrDefault(entry.getKey(), 0L);
            long before = now - change;
            int participants = before <= 0 && now > 0 ? 1 : before > 0 && now <= 0 ? -1 : 0;
            if (participants != 0) {
                deltas.addRegions(entry.getValue().place, Period.parse(entry.getKey().period()),
                        RankingDeltas.PARTICIPANTS, participants);
            }
        }
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
                    RETURNING d.household_id, d.category, d.points, d.confirmed_on""",
                    rs -> new RankingBatch.Counted(counted(rs), 1), ids, points, days));
        } else {
            counted.addAll(jdbc.list("""
                    UPDATE ranking_deed SET status = 'REVOKED'
                    WHERE deed_id = ANY(?::varchar[]) AND status = 'CONFIRMED'
                    RETURNING household_id, category, points, confirmed_on""",
                    rs -> new RankingBatch.Counted(counted(rs), -1), (Object) ids));
        }
    }

    private static CountedDeed counted(ResultSet rs) throws SQLException {
        return new CountedDeed(rs.getString(1), Category.valueOf(rs.getString(2)), rs.getLong(3),
                rs.getDate(4).toLocalDate());
    }

    void clear() {
        tables.empty("ranking_household", "ranking_region", "ranking_region_size", "ranking_deed");
    }

    record CountedDeed(String householdId, Category category, long points, LocalDate confirmedOn) {
    }
}
