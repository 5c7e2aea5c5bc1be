package cn.moralbank.points.ranking;

import io.micronaut.serde.annotation.Serdeable;

/** Where one household stands among the households of a region: rank {@code rank} of {@code of}. */
@Serdeable
public record HouseholdRank(String householdId, long regionId, String regionName, String period, String measure,
                            long value, int rank, int of) {
}
