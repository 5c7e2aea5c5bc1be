package cn.moralbank.points.rating.api;

import org.jmolecules.event.annotation.DomainEvent;

import java.time.Instant;

/** A star household round opened; the households' stars follow in {@link HouseholdsRated} events. */
@DomainEvent
public record HouseholdRoundOpened(RatingRoundId roundId, String countyPath, String period,
                                   HouseholdCriteria criteria, int households, String openedBy, Instant openedAt) {
}
