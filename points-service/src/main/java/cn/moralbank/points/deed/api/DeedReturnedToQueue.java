package cn.moralbank.points.deed.api;

import org.jmolecules.event.annotation.DomainEvent;

/** The session closed without a majority either way: the deed waits for the next session. */
@DomainEvent
public record DeedReturnedToQueue(DeedId deedId, ReviewSessionId sessionId) {
}
