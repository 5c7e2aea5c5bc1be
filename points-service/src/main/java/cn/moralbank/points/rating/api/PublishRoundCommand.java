package cn.moralbank.points.rating.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Map;

/**
 * Publishes the round's stars. {@code previousStars} are the grid workers' stars in the county's previous quarter
 * (none for a first round or a household round): a worker under the threshold in both is flagged for replacement.
 */
public record PublishRoundCommand(@TargetAggregateIdentifier RatingRoundId roundId,
                                  Map<String, Integer> previousStars, String publishedBy, Instant publishedAt) {
}
