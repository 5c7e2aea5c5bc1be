package cn.moralbank.points.rating.api;

import java.time.Instant;

public record AppealLodged(RatingRoundId roundId, String worker, String reason, Instant lodgedAt) {
}
