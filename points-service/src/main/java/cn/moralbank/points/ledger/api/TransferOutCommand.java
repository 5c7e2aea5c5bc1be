package cn.moralbank.points.ledger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Moves points out of an account to another household's (a split, 分户): the first half of a transfer, whose second
 * half is a {@link TransferInCommand} to {@code to}. Never takes the balance below zero.
 */
public record TransferOutCommand(@TargetAggregateIdentifier HouseholdId householdId, EntryId entryId, long points,
                                 HouseholdId to, String reason) {
    /** Points that one entry may move, checked by the value type when the command is made. */
    public TransferOutCommand {
        Points.requireValid(points);
    }
}
