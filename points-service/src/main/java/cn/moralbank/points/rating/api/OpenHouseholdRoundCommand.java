package cn.moralbank.points.rating.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Opens a county's star household round (星级文明户) for a year, with the criteria and each household's facts. */
public record OpenHouseholdRoundCommand(@TargetAggregateIdentifier RatingRoundId roundId, String countyPath,
                                        String period, HouseholdCriteria criteria, List<HouseholdFacts> households,
                                        String openedBy, Instant openedAt, LocalDate openedOn) {
}
