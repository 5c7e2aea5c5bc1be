package cn.moralbank.points.rating.api;

import org.jmolecules.event.annotation.DomainEvent;

import java.time.Instant;

@DomainEvent
public record RoundClosed(RatingRoundId roundId, String closedBy, Instant closedAt) {
}
