package cn.moralbank.points.rating.api;

import org.jmolecules.event.annotation.DomainEvent;

import java.time.Instant;

/** A result set by hand, with its reason: what it was and what it became. */
@DomainEvent
public record ResultAdjusted(RatingRoundId roundId, String subject, int scoreBefore, int scoreAfter,
                             int starsBefore, int starsAfter, String reason, String adjustedBy, Instant adjustedAt) {
}
