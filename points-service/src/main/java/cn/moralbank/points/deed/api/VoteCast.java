package cn.moralbank.points.deed.api;

import java.time.Instant;

public record VoteCast(DeedId deedId, ReviewSessionId sessionId, String voter, VoteChoice choice, String comment,
                       Instant castAt) {
}
