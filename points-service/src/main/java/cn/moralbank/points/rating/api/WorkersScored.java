package cn.moralbank.points.rating.api;

import org.jmolecules.event.annotation.DomainEvent;

import java.util.List;

/** Scores of some of the round's grid workers (a county's are spread over several events of a few hundred). */
@DomainEvent
public record WorkersScored(RatingRoundId roundId, List<WorkerScore> scores) {
}
