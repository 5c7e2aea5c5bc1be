package cn.moralbank.points.rating.api;

import java.time.Instant;

/** A grid worker round opened; the workers' scores follow in {@link WorkersScored} events. */
public record WorkerRoundOpened(RatingRoundId roundId, String countyPath, String period, WorkerCriteria criteria,
                                int workers, String openedBy, Instant openedAt) {
}
