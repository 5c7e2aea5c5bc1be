package cn.moralbank.points.rating.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Closes a published round once its appeal period is over and every appeal is decided. */
public record CloseRoundCommand(@TargetAggregateIdentifier RatingRoundId roundId, String closedBy, Instant closedAt) {
}
