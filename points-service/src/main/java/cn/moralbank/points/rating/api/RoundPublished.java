package cn.moralbank.points.rating.api;

import java.time.Instant;

/** The stars are public; grid workers may appeal until {@code appealEnds}. */
public record RoundPublished(RatingRoundId roundId, String publishedBy, Instant publishedAt, Instant appealEnds) {
}
