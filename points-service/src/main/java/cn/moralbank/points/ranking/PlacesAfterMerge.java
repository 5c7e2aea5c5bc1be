package cn.moralbank.points.ranking;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.SqlRows;
import cn.moralbank.points.household.HouseholdMoved;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.VillagesMerged;
import jakarta.inject.Singleton;

/**
 * 合村并居 moves households to another village, and a household may move to another grid: the change bumps
 * {@code place_version} in its own transaction, and every node's ranking projection, this one's included, reads it
 * once per batch and forgets the places it keeps when it changed ({@link Places#refresh}), so the entries that follow
 * count where the households now are. Events committed before the change, in a batch that read the count before it,
 * count where the households were then.
 */
@Singleton
class PlacesAfterMerge implements VillagesMerged, HouseholdMoved {
    private final SqlRows jdbc;

    PlacesAfterMerge(SqlRows jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void merged(Actor by, Region from, Region into) {
        changed();
    }

    @Override
    public void moved(HouseholdId household) {
        changed();
    }

    /** Tells every node, when the change commits, that households changed places. */
    private void changed() {
        if (jdbc.update("UPDATE place_version SET version = version + 1 WHERE id = 1") != 1) {
            throw new IllegalStateException("place_version has no row: the database was not migrated (V99)");
        }
    }
}
