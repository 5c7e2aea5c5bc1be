package cn.moralbank.points.rating.api;

import org.jmolecules.ddd.annotation.ValueObject;

import java.util.List;

/**
 * How the county rates its grid workers. Five criteria, each scored 0-100 and weighted in percent (the weights sum
 * to 100): reports the committee confirmed (full marks at {@code confirmedTarget} a quarter), the share of the
 * grid's households with a good deed confirmed, how soon reports follow the deed (none after
 * {@code maxDelayDays}), reports not found wrong (objections upheld, revocations), and the township's score.
 * {@code starThresholds} are the lowest scores of 2, 3, 4 and 5 stars; a worker under {@code flagBelowStars} two
 * quarters in a row is flagged for replacement; appeals are heard for {@code appealDays} after publication.
 */
@ValueObject
public record WorkerCriteria(int confirmedWeight, int participationWeight, int timelinessWeight, int accuracyWeight,
                             int townshipWeight, int confirmedTarget, int maxDelayDays, List<Integer> starThresholds,
                             int flagBelowStars, int appealDays) {

    public static WorkerCriteria standard() {
        return new WorkerCriteria(30, 25, 15, 10, 20, 6, 14, List.of(40, 60, 75, 90), 3, 15);
    }

    public int weightSum() {
        return confirmedWeight + participationWeight + timelinessWeight + accuracyWeight + townshipWeight;
    }
}
