package cn.moralbank.points.ledger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Receives points transferred out of another household's account (a merge or a split): the second half of it. */
public record TransferInCommand(@TargetAggregateIdentifier HouseholdId householdId, EntryId entryId, long points,
                                HouseholdId from, String reason) {
    /** Points that one entry may move, checked by the value type when the command is made. */
    public TransferInCommand {
        Points.requireValid(points);
    }
}
