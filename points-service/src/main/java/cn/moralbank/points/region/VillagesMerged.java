package cn.moralbank.points.region;

import cn.moralbank.points.access.Actor;

/**
 * Told when a village is merged into another (合村并居), inside the merge's transaction: a module whose rows belong
 * to a village (the love supermarkets, the people who serve it, the deeds and review sessions) moves them to the
 * village it was merged into, so that nothing of the retired village is left where no one can reach it.
 */
public interface VillagesMerged {
    /** The merge {@code by} whom: {@code from}'s grids and households are {@code into}'s already. */
    void merged(Actor by, Region from, Region into);
}
