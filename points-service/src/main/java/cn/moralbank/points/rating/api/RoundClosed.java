package cn.moralbank.points.rating.api;

import java.time.Instant;

public record RoundClosed(RatingRoundId roundId, String closedBy, Instant closedAt) {
}
