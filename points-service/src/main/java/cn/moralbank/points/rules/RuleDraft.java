package cn.moralbank.points.rules;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A rule as an office writes it: a new rule, or the next version of one (the code then stays). Points are positive
 * for a good deed and negative for bad behaviour; the committee may set any points within [minPoints, maxPoints].
 * A limit is both a count and a period, or neither.
 */
@Serdeable
public record RuleDraft(String code, String name, Category category, long points, long minPoints, long maxPoints,
                        Evidence evidence, @Nullable Integer limitCount, @Nullable LimitPeriod limitPeriod,
                        @Nullable String description) {

    /** A draft whose range is just its points and with no limit: the common case of a fixed-points rule. */
    public static RuleDraft fixed(String code, String name, Category category, long points, Evidence evidence) {
        return new RuleDraft(code, name, category, points, points, points, evidence, null, null, "");
    }

    public RuleDraft withRange(long min, long max) {
        return new RuleDraft(code, name, category, points, min, max, evidence, limitCount, limitPeriod, description);
    }

    public RuleDraft withLimit(Integer count, LimitPeriod period) {
        return new RuleDraft(code, name, category, points, minPoints, maxPoints, evidence, count, period, description);
    }
}
