package cn.moralbank.points.rating;

import cn.moralbank.points.rating.api.HouseholdCriteria;
import cn.moralbank.points.rating.api.HouseholdFacts;
import cn.moralbank.points.rating.api.HouseholdStars;
import cn.moralbank.points.rating.api.RatingRefusal;
import cn.moralbank.points.rating.api.WorkerCriteria;
import cn.moralbank.points.rating.api.WorkerFacts;
import cn.moralbank.points.rating.api.WorkerScore;
import org.jmolecules.architecture.onion.simplified.DomainRing;

import java.util.List;

/**
 * The county's rating rules as arithmetic: criteria checks, criterion scores, the weighted score, stars. Pure, so the
 * round decides the same way every time it is asked, and the pages can explain a score criterion by criterion.
 */
@DomainRing
public final class Scoring {
    public static final int MAX_SCORE = 100;
    public static final int MAX_STARS = 5;

    private Scoring() {
    }

    /** Refuses criteria that cannot rate anyone sensibly. */
    public static WorkerCriteria check(WorkerCriteria c) {
        if (c == null) {
            throw new RatingRefusal("rating.criteria.missing");
        }
        List<Integer> weights = List.of(c.confirmedWeight(), c.participationWeight(), c.timelinessWeight(),
                c.accuracyWeight(), c.townshipWeight());
        if (weights.stream().anyMatch(w -> w < 0 || w > MAX_SCORE)) {
            throw new RatingRefusal("rating.criteria.weight-out-of-range");
        }
        if (c.weightSum() != 100) {
            throw new RatingRefusal("rating.criteria.weights-not-100", c.weightSum());
        }
        if (c.confirmedTarget() < 1 || c.confirmedTarget() > 1000) {
            throw new RatingRefusal("rating.criteria.target-out-of-range", c.confirmedTarget());
        }
        if (c.maxDelayDays() < 1 || c.maxDelayDays() > 365) {
            throw new RatingRefusal("rating.criteria.delay-out-of-range", c.maxDelayDays());
        }
        List<Integer> t = c.starThresholds();
        if (t == null || t.size() != MAX_STARS - 1 || t.get(0) < 1 || t.get(t.size() - 1) > MAX_SCORE
                || !ascending(t)) {
            throw new RatingRefusal("rating.criteria.thresholds-invalid");
        }
        if (c.flagBelowStars() < 1 || c.flagBelowStars() > MAX_STARS) {
            throw new RatingRefusal("rating.criteria.flag-out-of-range", c.flagBelowStars());
        }
        if (c.appealDays() < 1 || c.appealDays() > 90) {
            throw new RatingRefusal("rating.criteria.appeal-days-out-of-range", c.appealDays());
        }
        return c;
    }

    public static HouseholdCriteria check(HouseholdCriteria c) {
        if (c == null) {
            throw new RatingRefusal("rating.criteria.missing");
        }
        if (c.minCategoryPoints() < 1 || c.minCategoryPoints() > 100_000) {
            throw new RatingRefusal("rating.criteria.category-points-out-of-range", c.minCategoryPoints());
        }
        if (c.minCategories() < 1 || c.minCategories() > MAX_STARS) {
            throw new RatingRefusal("rating.criteria.categories-out-of-range", c.minCategories());
        }
        if (c.maxPenaltyPoints() < 0 || c.maxPenaltyPoints() > 100_000) {
            throw new RatingRefusal("rating.criteria.penalty-out-of-range", c.maxPenaltyPoints());
        }
        if (c.blockBelowStars() < 0 || c.blockBelowStars() > MAX_STARS) {
            throw new RatingRefusal("rating.criteria.block-out-of-range", c.blockBelowStars());
        }
        if (c.recoveryPoints() < 0 || c.recoveryPoints() > 100_000) {
            throw new RatingRefusal("rating.criteria.recovery-out-of-range", c.recoveryPoints());
        }
        return c;
    }

    /** A worker's criterion scores and stars from the facts, before the township has scored them. */
    public static WorkerScore score(WorkerFacts f, WorkerCriteria c) {
        Integer confirmed = Math.min(MAX_SCORE, percent(f.confirmed(), c.confirmedTarget()));
        Integer participation = f.households() == 0 ? null : percent(f.participants(), f.households());
        Integer timeliness = f.reports() == 0 ? null
                : Math.max(0, (int) Math.round(MAX_SCORE * (1 - f.averageDelayDays() / c.maxDelayDays())));
        Integer accuracy = f.reports() == 0 ? null : MAX_SCORE - percent(f.foundWrong(), f.reports());
        int score = weighted(c, confirmed, participation, timeliness, accuracy, null);
        return new WorkerScore(f, confirmed, participation, timeliness, accuracy, score, stars(score, c));
    }

    /**
     * The weighted mean of the criteria that can be judged: a criterion without a value (a grid without households,
     * a worker without reports, a township that has not scored yet) leaves its weight to the others rather than
     * counting as zero.
     */
    public static int weighted(WorkerCriteria c, Integer confirmed, Integer participation, Integer timeliness,
                               Integer accuracy, Integer township) {
        int[] weights = {c.confirmedWeight(), c.participationWeight(), c.timelinessWeight(), c.accuracyWeight(),
                c.townshipWeight()};
        Integer[] values = {confirmed, participation, timeliness, accuracy, township};
        long sum = 0;
        long weight = 0;
        for (int i = 0; i < weights.length; i++) {
            if (values[i] != null) {
                sum += (long) weights[i] * values[i];
                weight += weights[i];
            }
        }
        return weight == 0 ? 0 : (int) Math.round(sum / (double) weight);
    }

    /** 1 star for any score, one more for each threshold reached. */
    public static int stars(int score, WorkerCriteria c) {
        return 1 + (int) c.starThresholds().stream().filter(t -> score >= t).count();
    }

    /** One star per civilisation with the county's points, if enough of them and no more penalty than allowed. */
    public static HouseholdStars stars(HouseholdFacts f, HouseholdCriteria c) {
        int qualifying = (int) f.categoryPoints().stream().filter(p -> p >= c.minCategoryPoints()).count();
        boolean star = qualifying >= c.minCategories() && f.penalised() <= c.maxPenaltyPoints();
        return new HouseholdStars(f, qualifying, star ? qualifying : 0);
    }

    private static int percent(int part, int whole) {
        return whole == 0 ? 0 : (int) Math.round(MAX_SCORE * part / (double) whole);
    }

    private static boolean ascending(List<Integer> values) {
        for (int i = 1; i < values.size(); i++) {
            if (values.get(i) <= values.get(i - 1)) {
                return false;
            }
        }
        return true;
    }
}
