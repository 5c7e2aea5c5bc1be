package cn.moralbank.points.ranking;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.SqlRows;
import cn.moralbank.points.household.HouseholdMoved;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.VillagesMerged;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * 合村并居 moves households to another village, and a household may move to another grid: the change bumps
 * {@code place_version} in its own transaction, and every node's ranking projection, this one's included, reads it
 * once per batch and forgets the places it keeps when it changed ({@link Places#refresh}), so the entries that follow
 * count where the households now are; what they had counted moves with them in the change's own transaction
 * ({@link RankingMoves}).
 */
@Singleton
class PlacesAfterMerge implements VillagesMerged, HouseholdMoved {
    private final SqlRows jdbc;
    private final RankingMoves moves;

    PlacesAfterMerge(SqlRows jdbc, RankingMoves moves) {
        this.jdbc = jdbc;
        this.moves = moves;
    }

    /** The merged village's households are under the village they joined now: their rankings move there. */
    @Override
    public void merged(Actor by, Region from, Region into) {
        moves.moved(jdbc.list("SELECT id FROM household WHERE region_path LIKE ? ORDER BY id",
                rs -> rs.getString(1), into.path() + "%"));
        // the grids' own rows name their village as a rebuild would write it: the one they are under now
        for (String table : List.of("ranking_region", "ranking_region_size")) {
            jdbc.update("UPDATE " + table + " r SET parent_id = g.parent_id FROM region g "
                    + "WHERE r.region_id = g.id AND g.parent_id = ? AND r.parent_id IS DISTINCT FROM g.parent_id",
                    into.id());
        }
        changed();
    }

    @Override
    public void moved(HouseholdId household) {
        moves.moved(List.of(household.value()));
        changed();
    }

    /** A household that moved out (迁出) is no longer counted among its place's households; back, it is again. */
    @Override
    public void register(HouseholdId household, boolean onRegister) {
        moves.register(household.value(), onRegister);
    }

    /** Tells every node, when the change commits, that households changed places. */
    private void changed() {
        if (jdbc.update("UPDATE place_version SET version = version + 1 WHERE id = 1") != 1) {
            throw new IllegalStateException("place_version has no row: the database was not migrated (V99)");
        }
    }
}
