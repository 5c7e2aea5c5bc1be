package cn.moralbank.points.deed.api;

import cn.moralbank.points.ledger.api.HouseholdId;

import java.time.Instant;

/** The objection period ended without objection; {@code points} are signed (negative: a penalty). */
public record DeedConfirmed(DeedId deedId, HouseholdId householdId, long points, Instant confirmedAt) {
}
