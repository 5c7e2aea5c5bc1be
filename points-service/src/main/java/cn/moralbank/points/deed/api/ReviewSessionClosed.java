package cn.moralbank.points.deed.api;

import org.jmolecules.event.annotation.DomainEvent;

import java.time.Instant;

@DomainEvent
public record ReviewSessionClosed(ReviewSessionId sessionId, String closedBy, Instant closedAt) {
}
