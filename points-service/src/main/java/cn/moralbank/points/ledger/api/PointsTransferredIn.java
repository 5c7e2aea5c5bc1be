package cn.moralbank.points.ledger.api;

import org.jmolecules.event.annotation.DomainEvent;

/** Points that came from another household's account (a merge or a split). */
@DomainEvent
public record PointsTransferredIn(HouseholdId householdId, EntryId entryId, long points, HouseholdId from,
                                  String reason, long balanceAfter) {
}
