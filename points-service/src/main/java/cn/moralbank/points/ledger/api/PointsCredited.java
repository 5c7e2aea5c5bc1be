package cn.moralbank.points.ledger.api;

import org.jmolecules.event.annotation.DomainEvent;

@DomainEvent
public record PointsCredited(HouseholdId householdId, EntryId entryId, long points, String source, String reason,
                             long balanceAfter) {
}
