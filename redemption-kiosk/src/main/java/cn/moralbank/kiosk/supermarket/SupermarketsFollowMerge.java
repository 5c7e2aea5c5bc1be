package cn.moralbank.kiosk.supermarket;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.SqlRows;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.VillagesMerged;
import jakarta.inject.Singleton;

/** 合村并居: the merged village's love supermarket serves the village it joined. */
@Singleton
class SupermarketsFollowMerge implements VillagesMerged {
    private final SqlRows sql;

    SupermarketsFollowMerge(SqlRows sql) {
        this.sql = sql;
    }

    @Override
    public void merged(Actor by, Region from, Region into) {
        sql.prepare("UPDATE supermarket SET region_id = ?, region_path = ? WHERE region_id = ?", ps -> {
            ps.setLong(1, into.id());
            ps.setString(2, into.path());
            ps.setLong(3, from.id());
            return ps.executeUpdate();
        });
    }
}
