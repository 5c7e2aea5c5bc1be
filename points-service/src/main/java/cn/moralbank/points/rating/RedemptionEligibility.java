package cn.moralbank.points.rating;

import cn.moralbank.points.household.CountySetting;
import cn.moralbank.points.household.CountySettings;
import cn.moralbank.points.household.HouseholdRepository;
import cn.moralbank.points.ledger.api.EntryId;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.ranking.Period;
import cn.moralbank.points.common.SqlRows;
import cn.moralbank.points.ranking.PeriodKind;
import cn.moralbank.points.rating.api.HouseholdCriteria;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.Regions;
import jakarta.inject.Singleton;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The county's optional rule that a household under a number of stars in the last published star household round
 * may not redeem until it recovers (earns the county's points after the rated year, or after the round was published
 * when that came first). A public query for the kiosk's checkout; read from the rating and ranking projections.
 */
@Singleton
public class RedemptionEligibility {
    private final SqlRows sql;
    private final HouseholdRepository households;
    private final Regions regions;
    private final CountySettings settings;
    private final Clock clock;

    RedemptionEligibility(SqlRows sql, HouseholdRepository households, Regions regions,
                          CountySettings settings, Clock clock) {
        this.clock = clock;
        this.sql = sql;
        this.households = households;
        this.regions = regions;
        this.settings = settings;
    }

    public boolean mayRedeem(HouseholdId household) {
        return check(household).mayRedeem();
    }

    public Eligibility check(HouseholdId household) {
        String path = households.findById(household.value()).map(h -> h.regionPath()).orElse(null);
        if (path == null) {
            return Eligibility.FREE;
        }
        Region countyRegion = regions.countyOf(path);
        String county = countyRegion.path();
        Optional<Latest> latest = sql.one("""
                SELECT o.period, o.criteria, r.stars, o.published_at FROM rating_round_view o
                LEFT JOIN rating_result_view r ON r.round_id = o.round_id AND r.subject = ?
                WHERE o.county_path = ? AND o.kind = 'HOUSEHOLDS' AND o.status <> 'OPEN'
                ORDER BY o.period DESC LIMIT 1""", rs -> {
            int stars = rs.getInt(3);
            Integer rated = rs.wasNull() ? null : stars;
            Timestamp published = rs.getTimestamp(4);
            return new Latest(rs.getString(1), CriteriaJson.households(rs.getString(2)), rated,
                    published == null ? null : published.toInstant());
        }, household.value(), county);
        if (latest.isEmpty() || latest.get().stars() == null) {
            return Eligibility.FREE;
        }
        HouseholdCriteria rule = latest.get().criteria();
        int stars = latest.get().stars();
        // the county's settings page, where its office set them, decide over the criteria the round was rated by
        int blockBelow = settings.current(countyRegion, CountySetting.BLOCK_BELOW_STARS)
                .map(Integer::parseInt).orElse(rule.blockBelowStars());
        long recovery = settings.current(countyRegion, CountySetting.RECOVERY_POINTS)
                .map(Long::parseLong).orElse(rule.recoveryPoints());
        if (blockBelow == 0 || stars >= blockBelow) {
            return Eligibility.FREE;
        }
        long earned = earnedSince(household, latest.get());
        if (earned >= recovery) {
            return new Eligibility(true, "rating.redeem.recovered", List.of(earned));
        }
        return new Eligibility(false, "rating.redeem.blocked", List.of(stars, blockBelow, earned, recovery));
    }

    /**
     * What the household earned from the month given to this one, read month by month by the rankings' key (a
     * checkout asks this: each month is one indexed row). At most five years of months are read.
     */
    private long earnedInMonths(HouseholdId household, Period first) {
        Period now = Period.of(PeriodKind.MONTH, LocalDate.now(clock));
        List<Object> arguments = new ArrayList<>(List.of(household.value()));
        for (Period month = first; month.key().compareTo(now.key()) <= 0 && arguments.size() <= 60;
             month = Period.of(PeriodKind.MONTH, month.end())) {
            arguments.add(month.key());
        }
        if (arguments.size() == 1) {
            return 0;
        }
        String months = String.join(", ", Collections.nCopies(arguments.size() - 1, "?"));
        return sql.count("SELECT coalesce(sum(earned), 0) FROM ranking_household WHERE household_id = ? "
                + "AND period IN (" + months + ")", arguments.toArray());
    }

    /**
     * What the household earned towards recovering: from the month after the rated year, or, for a round published
     * before its year had ended (a county rating its households in December), from the moment it was published, so
     * that what a household earns in the rest of the year counts too, and what the round already rated does not
     * (the rest of the publication month read from the passbook's deed entries, the months after from the rankings).
     */
    private long earnedSince(HouseholdId household, Latest latest) {
        LocalDate yearEnded = Period.parse(latest.period()).end();
        LocalDate published = latest.publishedAt() == null ? null
                : latest.publishedAt().atZone(clock.getZone()).toLocalDate();
        if (published == null || !published.isBefore(yearEnded)) {
            return earnedInMonths(household, Period.of(PeriodKind.MONTH, yearEnded));
        }
        Period month = Period.of(PeriodKind.MONTH, published);
        Instant monthEnds = month.end().atStartOfDay(clock.getZone()).toInstant();
        long restOfMonth = sql.count("""
                SELECT coalesce(sum(points), 0) FROM passbook_entry
                WHERE household_id = ? AND entry_id LIKE ? AND occurred_at > ? AND occurred_at < ?""",
                household.value(), EntryId.DEED + "%", OffsetDateTime.ofInstant(latest.publishedAt(), ZoneOffset.UTC),
                OffsetDateTime.ofInstant(monthEnds, ZoneOffset.UTC));
        return restOfMonth + earnedInMonths(household, Period.of(PeriodKind.MONTH, month.end()));
    }

    private record Latest(String period, HouseholdCriteria criteria, Integer stars, Instant publishedAt) {
    }
}
