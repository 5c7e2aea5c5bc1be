package cn.moralbank.points.rating.api;

import org.jmolecules.ddd.annotation.ValueObject;

/**
 * How the county rates households (星级文明户) for a year: a household earns one star for each civilisation in which
 * it earned at least {@code minCategoryPoints}, and is a star household only with at least {@code minCategories}
 * such stars and no more than {@code maxPenaltyPoints} points taken for bad behaviour. When
 * {@code blockBelowStars} is above zero, a household with fewer stars may not redeem at the love supermarket until
 * it has earned {@code recoveryPoints} in the following year.
 */
@ValueObject
public record HouseholdCriteria(long minCategoryPoints, int minCategories, long maxPenaltyPoints,
                                int blockBelowStars, long recoveryPoints) {

    public static HouseholdCriteria standard() {
        return new HouseholdCriteria(10, 3, 20, 0, 0);
    }
}
