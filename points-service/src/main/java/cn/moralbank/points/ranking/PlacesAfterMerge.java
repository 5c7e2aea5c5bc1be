package cn.moralbank.points.ranking;

import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.VillagesMerged;
import jakarta.inject.Singleton;

/**
 * 合村并居 moves households to another village: the places kept for the ranking projection are forgotten, so the
 * entries that follow count for the village the households joined. (Another node keeps its places until it
 * restarts; docs/architecture.md, "A city above counties".)
 */
@Singleton
class PlacesAfterMerge implements VillagesMerged {
    private final Places places;

    PlacesAfterMerge(Places places) {
        this.places = places;
    }

    @Override
    public void merged(Region from, Region into) {
        places.forget();
    }
}
