package cn.moralbank.points.rating.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The township's score (0-100) of one of its grid workers, while the round is open. */
public record GiveTownshipScoreCommand(@TargetAggregateIdentifier RatingRoundId roundId, String worker, int score,
                                       String givenBy, Instant givenAt) {
}
