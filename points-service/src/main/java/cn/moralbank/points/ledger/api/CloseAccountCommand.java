package cn.moralbank.points.ledger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Closes an account merged into another household's (合户): its whole balance goes out by a transfer to
 * {@code mergedInto} (when above zero), then nothing more is booked on it. Refused while the balance is below zero.
 */
public record CloseAccountCommand(@TargetAggregateIdentifier HouseholdId householdId, EntryId entryId,
                                  HouseholdId mergedInto, String reason) {
}
