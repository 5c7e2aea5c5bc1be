package cn.moralbank.points.deed.api;

import cn.moralbank.points.ledger.api.HouseholdId;
import org.jmolecules.event.annotation.DomainEvent;

import java.time.Instant;

/** The objection period ended without objection; {@code points} are signed (negative: a penalty). */
@DomainEvent
public record DeedConfirmed(DeedId deedId, HouseholdId householdId, long points, Instant confirmedAt) {
}
