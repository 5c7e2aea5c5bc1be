package cn.moralbank.points.ledger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks whether an account still takes entries (refused with ledger.account.closed if not); books nothing. */
public record RequireOpenCommand(@TargetAggregateIdentifier HouseholdId householdId) {
}
