package cn.moralbank.points.rating.api;

/** A household's stars for the year: the civilisations in which it reached the county's points, and its stars. */
public record HouseholdStars(HouseholdFacts facts, int qualifying, int stars) {
}
