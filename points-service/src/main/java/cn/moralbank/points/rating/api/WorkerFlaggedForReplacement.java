package cn.moralbank.points.rating.api;

import org.jmolecules.event.annotation.DomainEvent;

/** A grid worker under the county's threshold for two quarters in a row: the township should consider a replacement. */
@DomainEvent
public record WorkerFlaggedForReplacement(RatingRoundId roundId, String worker, int previousStars, int stars) {
}
