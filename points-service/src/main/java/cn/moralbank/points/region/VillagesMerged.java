package cn.moralbank.points.region;

/**
 * Told when a village is merged into another (合村并居), inside the merge's transaction: a module whose rows belong
 * to a village (the love supermarkets) moves them to the village it was merged into.
 */
public interface VillagesMerged {
    void merged(Region from, Region into);
}
