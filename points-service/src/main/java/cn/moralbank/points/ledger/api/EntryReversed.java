package cn.moralbank.points.ledger.api;

import org.jmolecules.event.annotation.DomainEvent;

/** An earlier entry undone by a new one; {@code points} is the signed change to the balance. */
@DomainEvent
public record EntryReversed(HouseholdId householdId, EntryId reversalId, EntryId originalEntryId,
                            EntryKind originalKind, long points, String reason, long balanceAfter) {
}
