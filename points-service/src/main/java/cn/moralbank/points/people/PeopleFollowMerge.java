package cn.moralbank.points.people;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.VillagesMerged;
import jakarta.inject.Singleton;

/** 合村并居: the people of the merged village serve the village it joined ({@link PeopleAdmin#followMerge}). */
@Singleton
class PeopleFollowMerge implements VillagesMerged {
    private final PeopleAdmin admin;

    PeopleFollowMerge(PeopleAdmin admin) {
        this.admin = admin;
    }

    @Override
    public void merged(Actor by, Region from, Region into) {
        admin.followMerge(by, from, into);
    }
}
