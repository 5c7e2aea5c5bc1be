package cn.moralbank.points.deed.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** A committee member's vote, with an optional comment (may be null). Answers with the deed's status after the vote. */
public record CastVoteCommand(@TargetAggregateIdentifier DeedId deedId, String voter, VoteChoice choice,
                              String comment, Instant castAt) {
}
