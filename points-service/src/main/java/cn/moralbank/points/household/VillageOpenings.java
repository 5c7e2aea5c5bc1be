package cn.moralbank.points.household;

import io.micronaut.serde.annotation.Serdeable;

/** The sum of a file's opening balances in one village, to check against the paper totals before importing. */
@Serdeable
public record VillageOpenings(String village, int households, long points) {
}
