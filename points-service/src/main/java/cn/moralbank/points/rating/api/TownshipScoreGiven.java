package cn.moralbank.points.rating.api;

import java.time.Instant;

public record TownshipScoreGiven(RatingRoundId roundId, String worker, int townshipScore, int scoreBefore,
                                 int scoreAfter, int starsBefore, int starsAfter, String givenBy, Instant givenAt) {
}
