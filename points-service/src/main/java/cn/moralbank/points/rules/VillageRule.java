package cn.moralbank.points.rules;

import io.micronaut.serde.annotation.Serdeable;

/** A rule as a village sees it: a county rule it may have switched off, or one of its own local rules. */
@Serdeable
public record VillageRule(Rule rule, boolean switchedOff) {
}
