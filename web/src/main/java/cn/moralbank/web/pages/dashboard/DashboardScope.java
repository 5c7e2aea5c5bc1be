package cn.moralbank.web.pages.dashboard;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.ranking.Period;
import cn.moralbank.points.ranking.PeriodKind;
import cn.moralbank.points.ranking.Rankings;
import cn.moralbank.points.rating.RatingSettings;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.Regions;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;

/**
 * What the dashboard and its list of lagging villages both start from: who asks, the region shown (the one asked
 * for, else the caller's own; outside the caller's scope a 403), the period (a quarter unless another is asked for)
 * and the region's colour settings; and the model lines every such page has (region, the lineage the caller may see,
 * period, settings).
 */
@Singleton
class DashboardScope {
    private final Rankings rankings;
    private final Regions regions;
    private final RatingSettings settings;

    DashboardScope(Rankings rankings, Regions regions, RatingSettings settings) {
        this.rankings = rankings;
        this.regions = regions;
        this.settings = settings;
    }

    /** One page's view: the actor, the region, the period and the colours it is shown in. */
    record Shown(Actor actor, Region region, Period period, RatingSettings.Settings colours, Map<String, Object> model) {
    }

    Shown of(Authentication auth, @Nullable Long region, @Nullable String period) {
        Actor actor = ActorClaims.of(auth);
        Region shown = region == null ? Rankings.readable(actor, regions.byPath(actor.regionPath()))
                : rankings.region(actor, region);
        Period chosen = PeriodChoice.chosen(rankings, period, PeriodKind.QUARTER);
        RatingSettings.Settings colours = settings.of(shown);

        Map<String, Object> model = new HashMap<>();
        model.put("region", shown);
        model.put("lineage", regions.lineage(shown).stream().filter(r -> actor.covers(r.path())).toList());
        model.put("period", chosen);
        model.put("settings", colours);
        return new Shown(actor, shown, chosen, colours, model);
    }
}
