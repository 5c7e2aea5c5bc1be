package cn.moralbank.points.ranking;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A household's place in a ranking: {@code rank} counts the households ahead of it plus one, so equal values share a
 * rank (1, 2, 2, 4). {@code value} is what the ranking orders by.
 */
@Serdeable
public record HouseholdStanding(int rank, String householdId, String headName, String cardNumber, String gridPath,
                                long earned, int deeds, long value) {
}
