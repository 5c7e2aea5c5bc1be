package cn.moralbank.web.pages.dashboard;

import cn.moralbank.kiosk.sales.SalesFigures;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.ranking.Measure;
import cn.moralbank.points.ranking.Period;
import cn.moralbank.points.ranking.PeriodKind;
import cn.moralbank.points.ranking.Rankings;
import cn.moralbank.points.ranking.RegionFigures;
import cn.moralbank.points.ranking.RegionStanding;
import cn.moralbank.points.rating.Inspections;
import cn.moralbank.points.rating.RatingQueries;
import cn.moralbank.points.rating.RatingSettings;
import cn.moralbank.points.rating.api.RatingRoundId;
import cn.moralbank.points.rating.api.RoundKind;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.RegionLevel;
import cn.moralbank.points.region.Regions;
import cn.moralbank.web.pages.LocalPath;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The county office's and township officers' dashboard (看板): a region's figures for a period, points issued and
 * redeemed month by month, good deeds by civilisation, its townships (villages, grids) ranked and coloured, the
 * villages that lag this quarter with the notes of their inspection, the best households, the grid workers' stars,
 * the love supermarkets. A region outside the caller's scope answers 403.
 */
@Produces(MediaType.TEXT_HTML)
@Controller("/dashboard")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"CITY_OFFICE", "COUNTY_OFFICE", "TOWNSHIP_OFFICER"})
class DashboardPages {
    static final int WORKERS_SHOWN = 10;
    private final DashboardScope scope;
    private final Rankings rankings;
    private final Regions regions;
    private final RatingQueries ratings;
    private final Inspections inspections;
    private final SalesFigures supermarkets;
    private final Charts charts;

    DashboardPages(DashboardScope scope, Rankings rankings, Regions regions, RatingQueries ratings,
                   Inspections inspections, SalesFigures supermarkets, Charts charts) {
        this.scope = scope;
        this.rankings = rankings;
        this.regions = regions;
        this.ratings = ratings;
        this.inspections = inspections;
        this.supermarkets = supermarkets;
        this.charts = charts;
    }

    @Get
    ModelAndView<Map<String, Object>> dashboard(HttpRequest<?> request, Authentication auth,
                                                @Nullable @QueryValue Long region, @Nullable @QueryValue String period,
                                                @Nullable @QueryValue String measure) {
        DashboardScope.Shown scoped = scope.of(auth, region, period);
        Actor actor = scoped.actor();
        Region shown = scoped.region();
        Period chosen = scoped.period();
        RatingSettings.Settings colours = scoped.colours();
        Measure order = Measure.parse(measure);
        LocalDate today = rankings.today();

        Map<String, Object> model = scoped.model();
        model.put("periods", PeriodChoice.links(today, chosen));
        model.put("measure", order.name());
        RegionFigures figures = rankings.figures(actor, shown, chosen);
        model.put("figures", figures);
        model.put("perHousehold", String.format("%.1f", figures.perHousehold()));
        model.put("participation", Charts.percent(figures.participation()));

        List<RegionStanding> children = shown.level() == RegionLevel.GRID ? List.of()
                : rankings.children(actor, shown, chosen, order);
        model.put("children", children);
        model.put("childColours", children.stream().collect(Collectors.toMap(RegionStanding::regionId,
                s -> colours.colourOf(s).name())));
        model.put("childLevel", shown.level().childLevel() == null ? "" : shown.level().childLevel().name());

        LaggingVillages villages = LaggingVillages.of(rankings, actor, shown, chosen, colours);
        model.put("quarter", villages.quarter());
        model.put("lagging", villages.lowest());
        model.put("laggingCount", villages.lagging().size());
        model.put("villageColours", villages.colours());
        model.put("villageCount", villages.villages());
        model.put("redCount", villages.red());
        model.put("notes", inspections.recent(actor, shown, 10));
        model.put("households", rankings.households(actor, shown, chosen, Measure.EARNED, 10, 0));

        var round = ratings.latestPublished(actor, RoundKind.GRID_WORKERS, shown);
        model.put("workerRound", round.orElse(null));
        // the best few; the round's page (linked from the heading) lists every grid worker of a county's thousands
        var workers = round.map(r -> ratings.within(actor, new RatingRoundId(r.roundId()), shown.id(), WORKERS_SHOWN,
                0)).orElse(List.of());
        model.put("workers", workers);
        model.put("workerCount", round.map(r -> ratings.count(new RatingRoundId(r.roundId()), shown.id())).orElse(0L));
        model.put("grids", workers.stream().filter(w -> w.gridId() != null).map(w -> w.gridId()).distinct()
                .collect(Collectors.toMap(id -> id, this::gridName)));
        model.put("supermarkets", supermarkets.of(shown, chosen).orElse(null));

        model.put("chartMonths", charts.months(request, rankings.history(actor, shown, PeriodKind.MONTH, 12)));
        model.put("chartCategories", charts.categories(request, figures));
        model.put("chartChildren", charts.participation(request, children, colours));
        return new ModelAndView<>("dashboard/index", model);
    }

    /** 河东村第一网格: a grid by its village's name and its own. */
    private String gridName(long gridId) {
        Region grid = regions.get(gridId);
        return regions.get(grid.parentId()).name() + grid.name();
    }

    /** 督导记录: what the office found at a lagging village; back to the dashboard it was written on. */
    @Post(value = "/inspections", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> inspection(Authentication auth, @Body Map<String, String> form) {
        Actor actor = ActorClaims.of(auth);
        long village = Forms.number(form, "village");
        // where to go back to is read before anything is written: an address that is none goes to the dashboard
        URI back = LocalPath.of(form.getOrDefault("back", "/dashboard"), "/dashboard", "/dashboard");
        inspections.record(actor, village, rankings.period(form.get("period")), form.get("note"));
        return HttpResponse.seeOther(back);
    }
}
