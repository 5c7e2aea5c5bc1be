package cn.moralbank.points.deed.api;

import cn.moralbank.points.ledger.api.EntryId;
import cn.moralbank.points.ledger.api.HouseholdId;
import org.jmolecules.event.annotation.DomainEvent;

import java.time.Instant;

/** A credited deed found wrong: its ledger entry is reversed by a new entry, never edited. */
@DomainEvent
public record DeedRevoked(DeedId deedId, HouseholdId householdId, EntryId entryId, String revokedBy, String reason,
                          Instant revokedAt) {
}
