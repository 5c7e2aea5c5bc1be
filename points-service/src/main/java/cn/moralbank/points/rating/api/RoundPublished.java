package cn.moralbank.points.rating.api;

import org.jmolecules.event.annotation.DomainEvent;

import java.time.Instant;

/** The stars are public; grid workers may appeal until {@code appealEnds}. */
@DomainEvent
public record RoundPublished(RatingRoundId roundId, String publishedBy, Instant publishedAt, Instant appealEnds) {
}
