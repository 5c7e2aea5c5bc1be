package cn.moralbank.points.deed.api;

import cn.moralbank.points.ledger.api.EntryId;
import cn.moralbank.points.ledger.api.HouseholdId;
import org.jmolecules.event.annotation.DomainEvent;

/**
 * The deed's points are in the household's account under {@code entryId}: a credit, or for bad behaviour a penalty
 * ({@code points} negative).
 */
@DomainEvent
public record DeedCredited(DeedId deedId, HouseholdId householdId, EntryId entryId, long points, long balanceAfter) {
}
