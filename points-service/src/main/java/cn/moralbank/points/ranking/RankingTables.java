package cn.moralbank.points.ranking;

import cn.moralbank.points.rules.Category;
import jakarta.inject.Singleton;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/** The writes of the ranking projection, in plain SQL: additive upserts, so the order of batches does not matter. */
@Singleton
class RankingTables {
    private final SqlRows jdbc;

    RankingTables(SqlRows jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes a batch's sums. */
    void flush(RankingDeltas deltas) {
        if (deltas.isEmpty()) {
            return;
        }
        if (!deltas.households.isEmpty()) {
            jdbc.prepare("""
                    INSERT INTO ranking_household (period, household_id, grid_id, region_path, earned, credited,
                      penalised, redeemed)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (period, household_id) DO UPDATE SET
                      earned = ranking_household.earned + excluded.earned,
                      credited = ranking_household.credited + excluded.credited,
                      penalised = ranking_household.penalised + excluded.penalised,
                      redeemed = ranking_household.redeemed + excluded.redeemed""", statement -> {
                for (var entry : deltas.households.entrySet()) {
                    var row = entry.getValue();
                    statement.setString(1, entry.getKey().period());
                    statement.setString(2, entry.getKey().householdId());
                    statement.setLong(3, row.gridId);
                    statement.setString(4, row.regionPath);
                    for (int i = 0; i < RankingDeltas.HOUSEHOLD_COLUMNS; i++) {
                        statement.setLong(5 + i, row.values[i]);
                    }
                    statement.addBatch();
                }
                return statement.executeBatch();
            });
        }
        if (!deltas.regions.isEmpty()) {
            jdbc.prepare("""
                    INSERT INTO ranking_region (period, region_id, parent_id, level, earned, credited, penalised,
                      redeemed, deeds, participants, deeds_material, deeds_political, deeds_spiritual, deeds_social,
                      deeds_ecological)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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
                      deeds_ecological = ranking_region.deeds_ecological + excluded.deeds_ecological""",
                    statement -> {
                        for (var entry : deltas.regions.entrySet()) {
                            var row = entry.getValue();
                            statement.setString(1, entry.getKey().period());
                            statement.setLong(2, entry.getKey().regionId());
                            setParent(statement, 3, row.parentId);
                            statement.setString(4, row.level);
                            for (int i = 0; i < RankingDeltas.REGION_COLUMNS; i++) {
                                statement.setLong(5 + i, row.values[i]);
                            }
                            statement.addBatch();
                        }
                        return statement.executeBatch();
                    });
        }
        if (!deltas.sizes.isEmpty()) {
            jdbc.prepare("""
                    INSERT INTO ranking_region_size (region_id, parent_id, level, households) VALUES (?, ?, ?, ?)
                    ON CONFLICT (region_id) DO UPDATE SET
                      households = ranking_region_size.households + excluded.households""", statement -> {
                for (var entry : deltas.sizes.entrySet()) {
                    statement.setLong(1, entry.getKey());
                    setParent(statement, 2, entry.getValue().parentId);
                    statement.setString(3, entry.getValue().level);
                    statement.setInt(4, entry.getValue().households);
                    statement.addBatch();
                }
                return statement.executeBatch();
            });
        }
    }

    /**
     * Adds a confirmed deed (or takes a revoked one back) on the household's row of one period, at once rather than
     * at the end of the batch: the answer (good deeds of the household in the period, after the change) says whether
     * the household just started or stopped taking part.
     */
    int deedOnHousehold(Period period, String householdId, Place place, int deeds, Category category, long points) {
        String column = "pts_" + category.name().toLowerCase(Locale.ROOT);
        return jdbc.prepare("""
                INSERT INTO ranking_household (period, household_id, grid_id, region_path, deeds, %1$s)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (period, household_id) DO UPDATE SET
                  deeds = ranking_household.deeds + excluded.deeds,
                  %1$s = ranking_household.%1$s + excluded.%1$s
                RETURNING deeds""".formatted(column), statement -> {
            statement.setString(1, period.key());
            statement.setString(2, householdId);
            statement.setLong(3, place.gridId());
            statement.setString(4, place.regionPath());
            statement.setInt(5, deeds);
            statement.setLong(6, points);
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    void deedReported(String deedId, String householdId, String regionPath, String reporter, String reporterRole,
                      Category category, long points, LocalDate deedDate, LocalDate reportedOn) {
        jdbc.prepare("""
                INSERT INTO ranking_deed (deed_id, household_id, region_path, reporter, reporter_role, category,
                  points, deed_date, reported_on, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'REPORTED') ON CONFLICT (deed_id) DO NOTHING""", statement -> {
            statement.setString(1, deedId);
            statement.setString(2, householdId);
            statement.setString(3, regionPath);
            statement.setString(4, reporter);
            statement.setString(5, reporterRole);
            statement.setString(6, category.name());
            statement.setLong(7, points);
            statement.setDate(8, Date.valueOf(deedDate));
            statement.setDate(9, Date.valueOf(reportedOn));
            return statement.executeUpdate();
        });
    }

    void deedStatus(String deedId, String status) {
        jdbc.prepare("UPDATE ranking_deed SET status = ? WHERE deed_id = ?", statement -> {
            statement.setString(1, status);
            statement.setString(2, deedId);
            return statement.executeUpdate();
        });
    }

    void deedObjected(String deedId) {
        jdbc.prepare("UPDATE ranking_deed SET objected = true WHERE deed_id = ?", statement -> {
            statement.setString(1, deedId);
            return statement.executeUpdate();
        });
    }

    /** Marks the deed confirmed, once; answers the deed when this call confirmed it (a repeat answers empty). */
    Optional<CountedDeed> confirm(String deedId, long points, LocalDate on) {
        return jdbc.prepare("""
                UPDATE ranking_deed SET status = 'CONFIRMED', points = ?, confirmed_on = ?
                WHERE deed_id = ? AND status <> 'CONFIRMED' AND status <> 'REVOKED'
                RETURNING household_id, category, points, confirmed_on""", statement -> {
            statement.setLong(1, points);
            statement.setDate(2, Date.valueOf(on));
            statement.setString(3, deedId);
            return counted(statement);
        });
    }

    /** Marks a confirmed deed revoked; answers what it had counted, so it can be taken back from the same periods. */
    Optional<CountedDeed> revoke(String deedId) {
        return jdbc.prepare("""
                UPDATE ranking_deed SET status = 'REVOKED' WHERE deed_id = ? AND status = 'CONFIRMED'
                RETURNING household_id, category, points, confirmed_on""", statement -> {
            statement.setString(1, deedId);
            return counted(statement);
        });
    }

    private static Optional<CountedDeed> counted(PreparedStatement statement) throws SQLException {
        try (var rs = statement.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new CountedDeed(rs.getString(1), Category.valueOf(rs.getString(2)), rs.getLong(3),
                    rs.getDate(4).toLocalDate()));
        }
    }

    void clear() {
        jdbc.prepare("TRUNCATE ranking_household, ranking_region, ranking_region_size, ranking_deed",
                PreparedStatement::executeUpdate);
    }

    private static void setParent(PreparedStatement statement, int index, Long parentId) throws SQLException {
        if (parentId == null) {
            statement.setNull(index, java.sql.Types.BIGINT);
        } else {
            statement.setLong(index, parentId);
        }
    }

    record CountedDeed(String householdId, Category category, long points, LocalDate confirmedOn) {
    }
}
