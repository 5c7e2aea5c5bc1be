package cn.moralbank.points.rating.api;

import org.jmolecules.event.annotation.DomainEvent;

import java.time.Instant;

@DomainEvent
public record TownshipScoreGiven(RatingRoundId roundId, String worker, int townshipScore, int scoreBefore,
                                 int scoreAfter, int starsBefore, int starsAfter, String givenBy, Instant givenAt) {
}
