package cn.moralbank.points.ranking;

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
 * kept from before it. (Another node keeps its places until it restarts; docs/architecture.md, "A city above
 * counties".)
 */
@Singleton
class PlacesAfterMerge implements VillagesMerged, HouseholdMoved {
    private final Places places;
    private final Transactions transactions;

    PlacesAfterMerge(Places places, Transactions transactions) {
        this.places = places;
        this.transactions = transactions;
    }

    @Override
    public void merged(Region from, Region into) {
        places.forget();
        transactions.afterCommit(places::forget);
    }

    @Override
    public void moved(HouseholdId household) {
        places.forget(household.value());
        transactions.afterCommit(() -> places.forget(household.value()));
    }
}
