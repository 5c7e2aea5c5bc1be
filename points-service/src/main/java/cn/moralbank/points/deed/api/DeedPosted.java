package cn.moralbank.points.deed.api;

import cn.moralbank.points.ledger.api.HouseholdId;
import org.jmolecules.event.annotation.DomainEvent;

import java.time.Instant;

/** On the village's notice board (公示) until {@code periodEnds}; objections are heard until then. */
@DomainEvent
public record DeedPosted(DeedId deedId, HouseholdId householdId, ReviewSessionId sessionId, long points,
                         Instant postedAt, Instant periodEnds) {
}
