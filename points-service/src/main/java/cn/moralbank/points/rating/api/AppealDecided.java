package cn.moralbank.points.rating.api;

import java.time.Instant;

public record AppealDecided(RatingRoundId roundId, String worker, boolean upheld, int scoreBefore, int scoreAfter,
                            int starsBefore, int starsAfter, String reason, String decidedBy, Instant decidedAt) {
}
