package cn.moralbank.points.rating.api;

import org.jmolecules.ddd.annotation.ValueObject;

/** A household's stars for the year: the civilisations in which it reached the county's points, and its stars. */
@ValueObject
public record HouseholdStars(HouseholdFacts facts, int qualifying, int stars) {
}
