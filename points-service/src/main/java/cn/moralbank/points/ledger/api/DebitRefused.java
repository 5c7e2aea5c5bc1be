package cn.moralbank.points.ledger.api;

import org.jmolecules.event.annotation.DomainEvent;

/** A debit the account could not cover: recorded, never applied. */
@DomainEvent
public record DebitRefused(HouseholdId householdId, EntryId entryId, long points, String source, long balance) {
}
