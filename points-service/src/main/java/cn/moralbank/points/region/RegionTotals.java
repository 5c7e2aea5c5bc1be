package cn.moralbank.points.region;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

/** Households and points held under one region, for the offices' overview tables. */
@Serdeable
@MappedEntity("region")
public record RegionTotals(@Id Long id, String code, String name, String path, RegionLevel level, long households,
                           long pointsHeld) {
}
