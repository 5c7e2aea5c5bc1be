package cn.moralbank.points.deed.api;

import org.jmolecules.event.annotation.DomainEvent;

import java.time.Instant;

@DomainEvent
public record VoteCast(DeedId deedId, ReviewSessionId sessionId, String voter, VoteChoice choice, String comment,
                       Instant castAt) {
}
