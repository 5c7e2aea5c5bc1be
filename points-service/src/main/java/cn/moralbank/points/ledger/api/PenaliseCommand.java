package cn.moralbank.points.ledger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Takes points for confirmed bad behaviour (扣分). A penalty may take the balance below zero. */
public record PenaliseCommand(@TargetAggregateIdentifier HouseholdId householdId, EntryId entryId, long points,
                              String source, String reason) {
    /** Points that one entry may move, checked by the value type when the command is made. */
    public PenaliseCommand {
        Points.requireValid(points);
    }
}
