package cn.moralbank.points.deed;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.SqlRows;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.VillagesMerged;
import jakarta.inject.Singleton;

/**
 * 合村并居: the merged village's deeds, review sessions, set-aside settlements and photos belong to the village it
 * joined, whose administrator and committee review them from then on. The deeds' and sessions' views are rebuilt
 * from events that name the old village: their writes name the village it was merged into ({@link DeedViewWrites}),
 * so a replay after the merge agrees with this.
 */
@Singleton
class DeedsFollowMerge implements VillagesMerged {
    private final SqlRows sql;

    DeedsFollowMerge(SqlRows sql) {
        this.sql = sql;
    }

    @Override
    public void merged(Actor by, Region from, Region into) {
        sql.update("UPDATE deed_view SET village_id = ?, village_path = ? WHERE village_id = ?", into.id(),
                into.path(), from.id());
        sql.update("UPDATE review_session_view SET village_id = ?, village_path = ? WHERE village_id = ?", into.id(),
                into.path(), from.id());
        sql.update("UPDATE deed_settlement_set_aside SET village_path = ? WHERE village_path = ?", into.path(),
                from.path());
        // a photo is seen where its household is (its grid moved, renumbered, with the village)
        sql.update("""
                UPDATE deed_photo p SET region_path = h.region_path FROM household h
                WHERE h.id = p.household_id AND p.region_path LIKE ? || '%'""", from.path());
    }
}
