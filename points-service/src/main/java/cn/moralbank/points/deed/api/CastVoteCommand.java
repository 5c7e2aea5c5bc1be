package cn.moralbank.points.deed.api;

import io.micronaut.core.annotation.Nullable;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** A committee member's vote, with an optional comment. Answers with the deed's status after the vote. */
public record CastVoteCommand(@TargetAggregateIdentifier DeedId deedId, String voter, VoteChoice choice,
                              @Nullable String comment, Instant castAt) {
}
