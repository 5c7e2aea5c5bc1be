package cn.moralbank.points.rating.api;

import org.jmolecules.event.annotation.DomainEvent;

import java.time.Instant;

@DomainEvent
public record AppealDecided(RatingRoundId roundId, String worker, boolean upheld, int scoreBefore, int scoreAfter,
                            int starsBefore, int starsAfter, String reason, String decidedBy, Instant decidedAt) {
}
