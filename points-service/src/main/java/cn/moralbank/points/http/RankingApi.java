package cn.moralbank.points.http;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.ranking.HouseholdRank;
import cn.moralbank.points.ranking.HouseholdStanding;
import cn.moralbank.points.ranking.Measure;
import cn.moralbank.points.ranking.Period;
import cn.moralbank.points.ranking.PeriodKind;
import cn.moralbank.points.ranking.Rankings;
import cn.moralbank.points.ranking.RegionFigures;
import cn.moralbank.points.ranking.RegionStanding;
import cn.moralbank.points.region.RegionLevel;
import cn.moralbank.points.region.Regions;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.util.List;

/**
 * Rankings for county platforms: households of a region, the children of a region, the villages of a region, a
 * region's figures and their history, a household's rank. {@code region} defaults to the caller's own, {@code period}
 * to this month ({@code 2026-11}; also {@code 2026-Q4}, {@code 2026}, {@code 2026-W48}, {@code ALL}), {@code measure}
 * to points earned. A region outside the caller's scope answers 403; a malformed or future period 422.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"COUNTY_OFFICE", "TOWNSHIP_OFFICER", "VILLAGE_ADMIN", "COMMITTEE_MEMBER", "GRID_WORKER"})
class RankingApi {
    private final Rankings rankings;
    private final Regions regions;

    RankingApi(Rankings rankings, Regions regions) {
        this.rankings = rankings;
        this.regions = regions;
    }

    @Get("/api/rankings/households")
    List<HouseholdStanding> households(Authentication auth, @Nullable @QueryValue Long region,
                                       @Nullable @QueryValue String period, @Nullable @QueryValue String measure,
                                       @QueryValue(defaultValue = "50") @Min(1) @Max(500) int limit,
                                       @QueryValue(defaultValue = "0") @Min(0) int offset) {
        Actor actor = ActorClaims.of(auth);
        // masked, as the rankings page shows them: a ranking is read far beyond the household's own village office
        return rankings.households(actor, region(actor, region), period(period), Measure.parse(measure), limit,
                offset).stream().map(HouseholdStanding::withCardMasked).toList();
    }

    @Get("/api/rankings/regions")
    List<RegionStanding> children(Authentication auth, @Nullable @QueryValue Long parent,
                                  @Nullable @QueryValue String period, @Nullable @QueryValue String measure) {
        Actor actor = ActorClaims.of(auth);
        return rankings.children(actor, region(actor, parent), period(period), Measure.parse(measure));
    }

    @Get("/api/rankings/villages")
    List<RegionStanding> villages(Authentication auth, @Nullable @QueryValue Long region,
                                  @Nullable @QueryValue String period, @Nullable @QueryValue String measure) {
        Actor actor = ActorClaims.of(auth);
        return rankings.within(actor, region(actor, region), RegionLevel.VILLAGE, period(period),
                Measure.parse(measure));
    }

    @Get("/api/rankings/figures")
    RegionFigures figures(Authentication auth, @Nullable @QueryValue Long region,
                          @Nullable @QueryValue String period) {
        Actor actor = ActorClaims.of(auth);
        return rankings.figures(actor, region(actor, region), period(period));
    }

    /** The last {@code count} months (or quarters, years, weeks) of a region, oldest first. */
    @Get("/api/rankings/history")
    List<RegionFigures> history(Authentication auth, @Nullable @QueryValue Long region,
                                @QueryValue(defaultValue = "MONTH") PeriodKind kind,
                                @QueryValue(defaultValue = "12") @Min(1) @Max(120) int count) {
        Actor actor = ActorClaims.of(auth);
        return rankings.history(actor, region(actor, region), kind, count);
    }

    /** Where a household stands in its village (or grid, township, county); a villager may ask for their own. */
    @Get("/api/households/{id}/rank")
    @Secured({"COUNTY_OFFICE", "TOWNSHIP_OFFICER", "VILLAGE_ADMIN", "COMMITTEE_MEMBER", "GRID_WORKER", "VILLAGER"})
    HouseholdRank rank(Authentication auth, String id, @QueryValue(defaultValue = "VILLAGE") RegionLevel within,
                       @Nullable @QueryValue String period, @Nullable @QueryValue String measure) {
        return rankings.rankOf(ActorClaims.of(auth), new HouseholdId(id), within, period(period),
                Measure.parse(measure));
    }

    private long region(Actor actor, Long region) {
        return region != null ? region : regions.byPath(actor.regionPath()).id();
    }

    private Period period(String key) {
        return key == null || key.isBlank() ? Period.of(PeriodKind.MONTH, rankings.today()) : rankings.period(key);
    }
}
