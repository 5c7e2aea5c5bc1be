package cn.moralbank.points.rating;

import cn.moralbank.points.ranking.Period;
import cn.moralbank.points.common.SqlRows;
import cn.moralbank.points.rating.api.HouseholdFacts;
import cn.moralbank.points.rating.api.WorkerFacts;
import cn.moralbank.points.region.Region;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The facts a round is opened with, read from the ranking projection (never the event store): each grid worker's
 * reports of the quarter and their grid's participation; each household's points of the year by civilisation.
 */
@Singleton
class RatingFacts {
    private final SqlRows sql;

    RatingFacts(SqlRows sql) {
        this.sql = sql;
    }

    /** Every active grid worker of the county, with what they reported in the quarter (by the day of reporting). */
    List<WorkerFacts> workers(Region county, Period quarter) {
        Map<String, Reports> reports = sql.list("""
                SELECT reporter, count(*), count(*) FILTER (WHERE status = 'CONFIRMED'),
                       coalesce(avg(greatest(0, reported_on - deed_date)), 0),
                       count(*) FILTER (WHERE status = 'REVOKED' OR (objected AND status = 'REJECTED'))
                FROM ranking_deed
                WHERE reporter_role = 'GRID_WORKER' AND reported_on >= ? AND reported_on < ?
                  AND region_path LIKE ?
                GROUP BY reporter""", rs -> new Reports(rs.getString(1), rs.getInt(2), rs.getInt(3),
                        Math.round(rs.getDouble(4) * 10) / 10.0, rs.getInt(5)),
                quarter.start(), quarter.end(), county.path() + "%")
                .stream().collect(Collectors.toMap(Reports::reporter, Function.identity()));
        return sql.list("""
                SELECT p.username, p.display_name, r.id, r.path, coalesce(s.households, 0),
                       coalesce(x.participants, 0)
                FROM person p JOIN region r ON r.id = p.region_id
                LEFT JOIN ranking_region_size s ON s.region_id = r.id
                LEFT JOIN ranking_region x ON x.region_id = r.id AND x.period = ?
                WHERE p.role = 'GRID_WORKER' AND p.active AND r.path LIKE ?
                ORDER BY r.path, p.username""", rs -> {
            Reports mine = reports.getOrDefault(rs.getString(1), Reports.NONE);
            return new WorkerFacts(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), mine.reports(),
                    mine.confirmed(), mine.averageDelay(), mine.foundWrong(), rs.getInt(5), rs.getInt(6));
        }, quarter.key(), county.path() + "%");
    }

    /** Every household of the county on the register, with its points of the year. */
    List<HouseholdFacts> households(Region county, Period year) {
        return sql.list("""
                SELECT h.id, h.head_name, h.region_path, coalesce(r.pts_material, 0), coalesce(r.pts_political, 0),
                       coalesce(r.pts_spiritual, 0), coalesce(r.pts_social, 0), coalesce(r.pts_ecological, 0),
                       coalesce(r.penalised, 0), coalesce(r.earned, 0)
                FROM household h LEFT JOIN ranking_household r ON r.household_id = h.id AND r.period = ?
                WHERE h.region_path LIKE ? AND h.status = 'ACTIVE'
                ORDER BY h.region_path, h.card_number""", rs -> new HouseholdFacts(rs.getString(1), rs.getString(2),
                        rs.getString(3), List.of(rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7),
                        rs.getLong(8)), rs.getLong(9), rs.getLong(10)),
                year.key(), county.path() + "%");
    }

    private record Reports(String reporter, int reports, int confirmed, double averageDelay, int foundWrong) {
        static final Reports NONE = new Reports("", 0, 0, 0, 0);
    }
}
