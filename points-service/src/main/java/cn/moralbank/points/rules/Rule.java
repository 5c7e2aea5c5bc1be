package cn.moralbank.points.rules;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;

/**
 * One version of a rule: as it stands from {@code validFrom} until the next version. {@code villageId} is null for a
 * county rule and names the village of a local rule. An inactive version retires the rule from its date.
 */
@Serdeable
public record Rule(RuleId id, long countyId, @Nullable Long villageId, String code, int version, LocalDate validFrom,
                   String name, Category category, long points, long minPoints, long maxPoints, Evidence evidence,
                   @Nullable Integer limitCount, @Nullable LimitPeriod limitPeriod, String description,
                   boolean active) {

    public boolean local() {
        return villageId != null;
    }

    /** Bad behaviour (不文明行为): confirmed, it costs points. */
    public boolean penalty() {
        return points < 0;
    }

    public boolean limited() {
        return limitCount != null && limitPeriod != null;
    }
}
