package cn.moralbank.points.ranking;

import cn.moralbank.points.common.SqlRows;
import cn.moralbank.points.common.Transactions;
import cn.moralbank.points.household.HouseholdMoved;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.VillagesMerged;
import jakarta.inject.Singleton;

/**
 * 合村并居 moves households to another village, and a household may move to another grid: the places kept for the
 * ranking projection are forgotten, so the entries that follow count where the households now are. Forgotten at once
 * and again when the change has committed: a place looked up (or every place loaded) in between would otherwise be
 * kept from before it. Every other node forgets them at its next batch: the change bumps {@code place_version} in its
 * own transaction, which each node's projection reads once per batch ({@link Places#refresh}).
 */
@Singleton
class PlacesAfterMerge implements VillagesMerged, HouseholdMoved {
    private final Places places;
    private final Transactions transactions;
    private final SqlRows jdbc;

    PlacesAfterMerge(Places places, Transactions transactions, SqlRows jdbc) {
        this.places = places;
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    @Override
    public void merged(Region from, Region into) {
        changed();
        places.forget();
        transactions.afterCommit(places::forget);
    }

    @Override
    public void moved(HouseholdId household) {
        changed();
        places.forget(household.value());
        transactions.afterCommit(() -> places.forget(household.value()));
    }

    /** Tells every node, when the change commits, that households changed places. */
    private void changed() {
        if (jdbc.update("UPDATE place_version SET version = version + 1 WHERE id = 1") != 1) {
            throw new IllegalStateException("place_version has no row: the database was not migrated (V99)");
        }
    }
}
