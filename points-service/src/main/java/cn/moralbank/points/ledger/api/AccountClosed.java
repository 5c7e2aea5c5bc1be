package cn.moralbank.points.ledger.api;

import org.jmolecules.event.annotation.DomainEvent;

/** The account was merged into another household's and takes no more entries. */
@DomainEvent
public record AccountClosed(HouseholdId householdId, EntryId entryId, HouseholdId mergedInto, String reason) {
}
