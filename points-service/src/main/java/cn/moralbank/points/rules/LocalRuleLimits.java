package cn.moralbank.points.rules;

import io.micronaut.serde.annotation.Serdeable;

/**
 * What a county lets each village add to its catalog: local rules worth at most {@code maxPoints} points either way
 * (range included), and at most {@code maxRules} of them.
 */
@Serdeable
public record LocalRuleLimits(long maxPoints, int maxRules) {
    /** Where a county has set nothing: small local rules, a handful of them. */
    public static final LocalRuleLimits DEFAULT = new LocalRuleLimits(10, 20);
}
