package cn.moralbank.points.rating.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Opens a county's grid worker round for a quarter, with the criteria and the facts the scores are made from. */
public record OpenWorkerRoundCommand(@TargetAggregateIdentifier RatingRoundId roundId, String countyPath,
                                     String period, WorkerCriteria criteria, List<WorkerFacts> workers,
                                     String openedBy, Instant openedAt, LocalDate openedOn) {
}
