package cn.moralbank.points.ledger.api;

import org.jmolecules.event.annotation.DomainEvent;

@DomainEvent
public record AccountOpened(HouseholdId householdId, long baseScore) {
}
