package cn.moralbank.points.ranking;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A region's figures in a period and its place among its siblings. {@code perHousehold} and {@code participation}
 * (a share, 0 to 1) divide by the households with an account there; {@code value} is what the ranking orders by.
 */
@Serdeable
public record RegionStanding(int rank, long regionId, String code, String name, String level, int households,
                             long earned, long credited, long penalised, long redeemed, int deeds, int participants,
                             double perHousehold, double participation, double value) {
}
