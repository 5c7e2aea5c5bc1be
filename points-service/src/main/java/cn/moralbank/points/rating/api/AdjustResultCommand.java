package cn.moralbank.points.rating.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * The county office sets a result by hand, with its reason, before publishing: a grid worker's score (0-100, the
 * stars follow from it) or a household's stars (0-5). {@code starsBefore} is a household's stars as the round's
 * read model shows them (the round keeps no copy of a county's hundred thousand households); for a grid worker the
 * round knows them and ignores it.
 */
public record AdjustResultCommand(@TargetAggregateIdentifier RatingRoundId roundId, String subject, int value,
                                  int starsBefore, String reason, String adjustedBy, Instant adjustedAt) {
}
