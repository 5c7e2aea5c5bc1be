package cn.moralbank.points.ledger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Spends points: a redemption at a love supermarket or a voucher issued. Never takes the balance below zero. */
public record DebitCommand(@TargetAggregateIdentifier HouseholdId householdId, EntryId entryId, long points,
                           String source, String reason) {
    /** Points that one entry may move, checked by the value type when the command is made. */
    public DebitCommand {
        Points.requireValid(points);
    }
}
