package cn.moralbank.points.rating.api;

import org.jmolecules.event.annotation.DomainEvent;

/** An upheld appeal took a flagged worker back to or above the threshold. */
@DomainEvent
public record ReplacementFlagLifted(RatingRoundId roundId, String worker, int stars) {
}
