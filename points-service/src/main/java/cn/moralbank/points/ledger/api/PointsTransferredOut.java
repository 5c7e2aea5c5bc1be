package cn.moralbank.points.ledger.api;

import org.jmolecules.event.annotation.DomainEvent;

/** Points that left this account for another household's; that passbook shows the matching transfer in. */
@DomainEvent
public record PointsTransferredOut(HouseholdId householdId, EntryId entryId, long points, HouseholdId to,
                                   String reason, long balanceAfter) {
}
