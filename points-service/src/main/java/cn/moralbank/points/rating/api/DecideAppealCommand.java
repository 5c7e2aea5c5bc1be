package cn.moralbank.points.rating.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The county office's decision on an appeal: upheld with a new score (0-100), or dismissed; always with a reason. */
public record DecideAppealCommand(@TargetAggregateIdentifier RatingRoundId roundId, String worker, boolean upheld,
                                  int newScore, String reason, String decidedBy, Instant decidedAt) {
}
