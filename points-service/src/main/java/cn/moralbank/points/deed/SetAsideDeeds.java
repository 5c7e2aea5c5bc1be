package cn.moralbank.points.deed;

import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.common.SqlRows;
import cn.moralbank.points.deed.api.DeedId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * 结算搁置的好事: deeds whose objection period ended but which the objection-period job could not settle (a refusal of the
 * ledger or of the deed, or a failure three runs running), set aside so that the job goes on with the others
 * ({@link ObjectionPeriodProcess}, V70). Listed for the county office within its region so that none is forgotten;
 * clearing a row has the job try the deed again at its next run.
 */
@Singleton
public class SetAsideDeeds {
    private final SqlRows sql;

    SetAsideDeeds(SqlRows sql) {
        this.sql = sql;
    }

    /** One deed set aside, with what is known of it from the deed views (null when the view has none). */
    public record Row(String deedId, String villagePath, @Nullable String villageName, @Nullable String householdName,
                      @Nullable String ruleName, @Nullable Long points, @Nullable String status, String error,
                      int attempts, Instant firstFailed, Instant lastFailed) {

        /** Whether the ledger or the deed refused it (it will not pass by trying again), or something else failed. */
        public boolean refused() {
            return error.contains(".");
        }
    }

    @Transactional
    public List<Row> list(Actor actor) {
        requireOffice(actor);
        return sql.prepare("""
                SELECT a.deed_id, a.village_path, r.name AS village_name, d.household_name, d.rule_name, d.points,
                       d.status, a.error, a.attempts, a.first_failed, a.last_failed
                FROM deed_settlement_set_aside a
                LEFT JOIN deed_view d ON d.deed_id = a.deed_id
                LEFT JOIN region r ON r.path = a.village_path
                WHERE a.village_path LIKE ? ESCAPE '\\'
                ORDER BY a.first_failed, a.deed_id""", statement -> {
            statement.setString(1, like(actor.regionPath()));
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
            return rows;
        });
    }

    /**
     * Clears the deed's row so that the next run of the job tries it again; false when it was not set aside. The
     * deed must lie in the office's region whether set aside or not (403 otherwise, 404 for no such deed).
     */
    @Transactional
    public boolean tryAgain(Actor actor, DeedId deed) {
        requireOffice(actor);
        String path = sql.prepare("""
                SELECT coalesce((SELECT village_path FROM deed_settlement_set_aside WHERE deed_id = ?),
                                (SELECT village_path FROM deed_view WHERE deed_id = ?))""", statement -> {
            statement.setString(1, deed.value());
            statement.setString(2, deed.value());
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
        if (path == null) {
            throw new NotFound("deed.not-found", deed.value());
        }
        if (!actor.covers(path)) {
            throw new AccessDenied("set-aside deed " + deed.value());
        }
        return sql.prepare("DELETE FROM deed_settlement_set_aside WHERE deed_id = ?", statement -> {
            statement.setString(1, deed.value());
            return statement.executeUpdate() == 1;
        });
    }

    private static void requireOffice(Actor actor) {
        if (actor.role() != Role.COUNTY_OFFICE) {
            throw new AccessDenied("set-aside deeds");
        }
    }

    private static String like(String path) {
        return path.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static Row row(ResultSet rs) throws SQLException {
        long points = rs.getLong("points");
        Long pointsOrNull = rs.wasNull() ? null : points;
        return new Row(rs.getString("deed_id"), rs.getString("village_path"), rs.getString("village_name"),
                rs.getString("household_name"), rs.getString("rule_name"), pointsOrNull, rs.getString("status"),
                rs.getString("error"), rs.getInt("attempts"), rs.getTimestamp("first_failed").toInstant(),
                rs.getTimestamp("last_failed").toInstant());
    }
}
