package cn.moralbank.points.rating.api;

import org.jmolecules.event.annotation.DomainEvent;

import java.time.Instant;

@DomainEvent
public record AppealLodged(RatingRoundId roundId, String worker, String reason, Instant lodgedAt) {
}
