package cn.moralbank.points.rating.api;

import org.jmolecules.event.annotation.DomainEvent;

import java.util.List;

/** Stars of some of the round's households (a county's hundred thousand are spread over many events). */
@DomainEvent
public record HouseholdsRated(RatingRoundId roundId, List<HouseholdStars> households) {
}
