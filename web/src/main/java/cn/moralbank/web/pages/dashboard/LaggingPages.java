package cn.moralbank.web.pages.dashboard;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.ranking.Period;
import cn.moralbank.points.ranking.PeriodKind;
import cn.moralbank.points.ranking.Rankings;
import cn.moralbank.points.rating.Inspections;
import cn.moralbank.points.rating.RatingSettings;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.Regions;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;

import java.util.HashMap;
import java.util.Map;

/**
 * Every village of a region that lags in a quarter (落后村), lowest participation first, each with the form for the
 * office's inspection note: the whole list behind the dashboard's lowest ten. A region outside the caller's scope
 * answers 403, as the dashboard does.
 */
@Produces(MediaType.TEXT_HTML)
@Controller("/dashboard/lagging")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"CITY_OFFICE", "COUNTY_OFFICE", "TOWNSHIP_OFFICER"})
class LaggingPages {
    private final Rankings rankings;
    private final Regions regions;
    private final RatingSettings settings;
    private final Inspections inspections;

    LaggingPages(Rankings rankings, Regions regions, RatingSettings settings, Inspections inspections) {
        this.rankings = rankings;
        this.regions = regions;
        this.settings = settings;
        this.inspections = inspections;
    }

    @Get
    ModelAndView<Map<String, Object>> lagging(Authentication auth, @Nullable @QueryValue Long region,
                                              @Nullable @QueryValue String period) {
        Actor actor = ActorClaims.of(auth);
        Region shown = rankings.region(actor, region == null ? regions.byPath(actor.regionPath()).id() : region);
        Period chosen = PeriodChoice.chosen(rankings, period, PeriodKind.QUARTER);
        RatingSettings.Settings colours = settings.of(shown);
        LaggingVillages villages = LaggingVillages.of(rankings, actor, shown, chosen, colours);

        Map<String, Object> model = new HashMap<>();
        model.put("region", shown);
        model.put("lineage", regions.lineage(shown).stream().filter(r -> actor.covers(r.path())).toList());
        model.put("period", chosen);
        model.put("settings", colours);
        model.put("quarter", villages.quarter());
        model.put("lagging", villages.lagging());
        model.put("villageColours", villages.colours());
        model.put("villageCount", villages.villages());
        model.put("notes", inspections.recent(actor, shown.id(), 10));
        return new ModelAndView<>("dashboard/lagging", model);
    }
}
