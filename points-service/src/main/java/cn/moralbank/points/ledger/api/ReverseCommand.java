package cn.moralbank.points.ledger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Reverses an earlier entry of the account exactly once, by a new entry (reversalId) with the reason. */
public record ReverseCommand(@TargetAggregateIdentifier HouseholdId householdId, EntryId reversalId,
                             EntryId originalEntryId, String reason) {
}
