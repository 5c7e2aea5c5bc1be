package cn.moralbank.points.ranking;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * A region's sums in one period: points issued (credited), taken (penalised), earned (the two together) and
 * redeemed; good deeds, by civilisation in the order of the five civilisations; households that took part.
 */
@Serdeable
public record RegionFigures(long regionId, String period, int households, long earned, long credited,
                            long penalised, long redeemed, int deeds, int participants, List<Integer> deedsByCategory) {

    public double participation() {
        return households == 0 ? 0 : participants / (double) households;
    }

    public double perHousehold() {
        return households == 0 ? 0 : earned / (double) households;
    }
}
