package cn.moralbank.web.pages.dashboard;

import cn.moralbank.points.ranking.Rankings;
import cn.moralbank.points.rating.Inspections;
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
    private final DashboardScope scope;
    private final Rankings rankings;
    private final Inspections inspections;

    LaggingPages(DashboardScope scope, Rankings rankings, Inspections inspections) {
        this.scope = scope;
        this.rankings = rankings;
        this.inspections = inspections;
    }

    @Get
    ModelAndView<Map<String, Object>> lagging(Authentication auth, @Nullable @QueryValue Long region,
                                              @Nullable @QueryValue String period) {
        DashboardScope.Shown shown = scope.of(auth, region, period);
        LaggingVillages villages = LaggingVillages.of(rankings, shown.actor(), shown.region(), shown.period(),
                shown.colours());

        Map<String, Object> model = shown.model();
        model.put("quarter", villages.quarter());
        model.put("lagging", villages.lagging());
        model.put("villageColours", villages.colours());
        model.put("villageCount", villages.villages());
        model.put("notes", inspections.recent(shown.actor(), shown.region(), 10));
        return new ModelAndView<>("dashboard/lagging", model);
    }
}
