package cn.moralbank.points.rating.api;

import org.jmolecules.event.annotation.DomainEvent;

import java.time.Instant;

/** A grid worker round opened; the workers' scores follow in {@link WorkersScored} events. */
@DomainEvent
public record WorkerRoundOpened(RatingRoundId roundId, String countyPath, String period, WorkerCriteria criteria,
                                int workers, String openedBy, Instant openedAt) {
}
