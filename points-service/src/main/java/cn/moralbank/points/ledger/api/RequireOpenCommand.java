package cn.moralbank.points.ledger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks whether an account still takes entries (refused with ledger.account.closed if not) and answers its balance as
 * the ledger has it now, never a view's; books nothing.
 */
public record RequireOpenCommand(@TargetAggregateIdentifier HouseholdId householdId) {
}
