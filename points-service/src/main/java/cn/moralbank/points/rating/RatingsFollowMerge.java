package cn.moralbank.points.rating;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.SqlRows;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.VillagesMerged;
import jakarta.inject.Singleton;

/**
 * 合村并居: the merged village's rating results (its grid workers', its households') are found where their grids and
 * households are now, renumbered under the village it joined, so its office, its workers' appeals and certificates
 * still reach them. The results' view is written from events that name the old grid: its writes read the grid's and
 * the household's place as it is now ({@link RatingViews}), so a replay agrees.
 */
@Singleton
class RatingsFollowMerge implements VillagesMerged {
    private final SqlRows sql;

    RatingsFollowMerge(SqlRows sql) {
        this.sql = sql;
    }

    @Override
    public void merged(Actor by, Region from, Region into) {
        sql.update("""
                UPDATE rating_result_view r SET region_path = g.path FROM region g
                WHERE r.kind = 'GRID_WORKERS' AND g.id = r.grid_id AND r.region_path LIKE ? || '%'""", from.path());
        sql.update("""
                UPDATE rating_result_view r SET region_path = h.region_path FROM household h
                WHERE r.kind = 'HOUSEHOLDS' AND h.id = r.subject AND r.region_path LIKE ? || '%'""", from.path());
    }
}
