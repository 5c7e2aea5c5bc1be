package cn.moralbank.web.pages.dashboard;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.ranking.HouseholdStanding;
import cn.moralbank.points.ranking.Measure;
import cn.moralbank.points.ranking.Period;
import cn.moralbank.points.ranking.PeriodKind;
import cn.moralbank.points.ranking.Rankings;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.RegionLevel;
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
import io.micronaut.views.View;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Households ranked within a region (county, township, village or grid) by a measure and a period, 50 a page. */
@Produces(MediaType.TEXT_HTML)
@Controller("/rankings")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"CITY_OFFICE", "COUNTY_OFFICE", "TOWNSHIP_OFFICER", "VILLAGE_ADMIN"})
class RankingPages {
    static final int PAGE = 50;
    private final Rankings rankings;
    private final Regions regions;

    RankingPages(Rankings rankings, Regions regions) {
        this.rankings = rankings;
        this.regions = regions;
    }

    @Get
    @View("dashboard/rankings")
    Map<String, Object> households(Authentication auth, @Nullable @QueryValue Long region,
                                   @Nullable @QueryValue String period, @Nullable @QueryValue String measure,
                                   @QueryValue(defaultValue = "0") int page) {
        Actor actor = ActorClaims.of(auth);
        Region shown = rankings.region(actor, region == null ? regions.byPath(actor.regionPath()).id() : region);
        Period chosen = PeriodChoice.chosen(rankings, period, PeriodKind.MONTH);
        Measure order = Measure.parse(measure);
        int from = (int) Math.min(Integer.MAX_VALUE, Math.max(0L, page) * PAGE); // no int overflow
        List<HouseholdStanding> lines = rankings.households(actor, shown, chosen, order, PAGE + 1, from);
        Map<String, Object> model = new HashMap<>();
        model.put("region", shown);
        model.put("lineage", regions.lineage(shown).stream().filter(r -> actor.covers(r.path())).toList());
        model.put("children", shown.level() == RegionLevel.GRID ? List.of() : regions.children(shown));
        model.put("period", chosen);
        model.put("periods", PeriodChoice.links(rankings.today(), chosen));
        model.put("measure", order.name());
        model.put("measures", List.of("EARNED", "DEEDS", "MATERIAL", "POLITICAL", "SPIRITUAL", "SOCIAL", "ECOLOGICAL"));
        model.put("lines", lines.subList(0, Math.min(PAGE, lines.size())));
        model.put("page", Math.max(0, page));
        model.put("more", lines.size() > PAGE);
        model.put("size", rankings.size(shown.id()));
        model.put("village", shown.level() == RegionLevel.VILLAGE);
        return model;
    }
}
