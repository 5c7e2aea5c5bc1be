package cn.moralbank.points.rating.api;

import java.util.List;

/** Stars of some of the round's households (a county's hundred thousand are spread over many events). */
public record HouseholdsRated(RatingRoundId roundId, List<HouseholdStars> households) {
}
