package cn.moralbank.points.deed.api;

import org.jmolecules.event.annotation.DomainEvent;

import java.time.Instant;

/** An objection during the period: the deed leaves the notice board and goes back to the next review session. */
@DomainEvent
public record DeedObjected(DeedId deedId, ReviewSessionId sessionId, String objector, String reason,
                           Instant lodgedAt) {
}
