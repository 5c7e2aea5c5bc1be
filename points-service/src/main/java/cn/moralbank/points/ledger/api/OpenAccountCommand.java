package cn.moralbank.points.ledger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Opens a household's account, with the county's base score (基础分, often 0, 60 or 100). */
public record OpenAccountCommand(@TargetAggregateIdentifier HouseholdId householdId, long baseScore) {
}
