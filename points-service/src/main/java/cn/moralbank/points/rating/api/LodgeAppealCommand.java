package cn.moralbank.points.rating.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** A grid worker's appeal against their published stars, with the reason, within the appeal period. */
public record LodgeAppealCommand(@TargetAggregateIdentifier RatingRoundId roundId, String worker, String reason,
                                 Instant lodgedAt) {
}
