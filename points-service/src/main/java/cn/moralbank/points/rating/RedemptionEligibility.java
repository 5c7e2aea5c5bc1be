package cn.moralbank.points.rating;

import cn.moralbank.points.household.HouseholdRepository;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.ranking.Period;
import cn.moralbank.points.ranking.SqlRows;
import cn.moralbank.points.rating.api.HouseholdCriteria;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/**
 * The county's optional rule that a household under a number of stars in the last published star household round
 * may not redeem until it recovers (earns the county's points in the following year). A public query for the kiosk's
 * checkout; read from the rating and ranking projections, one indexed read each.
 */
@Singleton
public class RedemptionEligibility {
    private final SqlRows sql;
    private final HouseholdRepository households;

    RedemptionEligibility(SqlRows sql, HouseholdRepository households) {
        this.sql = sql;
        this.households = households;
    }

    public boolean mayRedeem(HouseholdId household) {
        return check(household).mayRedeem();
    }

    public Eligibility check(HouseholdId household) {
        String path = households.findById(household.value()).map(h -> h.regionPath()).orElse(null);
        if (path == null) {
            return Eligibility.FREE;
        }
        String county = path.substring(0, path.indexOf('/', 1) + 1);
        Optional<Latest> latest = sql.one("""
                SELECT o.period, o.criteria, r.stars FROM rating_round_view o
                LEFT JOIN rating_result_view r ON r.round_id = o.round_id AND r.subject = ?
                WHERE o.county_path = ? AND o.kind = 'HOUSEHOLDS' AND o.status <> 'OPEN'
                ORDER BY o.period DESC LIMIT 1""", rs -> {
            int stars = rs.getInt(3);
            return new Latest(rs.getString(1), CriteriaJson.households(rs.getString(2)), rs.wasNull() ? null : stars);
        }, household.value(), county);
        if (latest.isEmpty() || latest.get().stars() == null) {
            return Eligibility.FREE;
        }
        HouseholdCriteria rule = latest.get().criteria();
        int stars = latest.get().stars();
        if (rule.blockBelowStars() == 0 || stars >= rule.blockBelowStars()) {
            return Eligibility.FREE;
        }
        String nextYear = String.valueOf(Period.parse(latest.get().period()).end().getYear());
        long earned = sql.count("SELECT earned FROM ranking_household WHERE period = ? AND household_id = ?",
                nextYear, household.value());
        if (earned >= rule.recoveryPoints()) {
            return new Eligibility(true, "rating.redeem.recovered", List.of(earned));
        }
        return new Eligibility(false, "rating.redeem.blocked", List.of(stars, rule.blockBelowStars(), earned,
                rule.recoveryPoints()));
    }

    private record Latest(String period, HouseholdCriteria criteria, Integer stars) {
    }
}
