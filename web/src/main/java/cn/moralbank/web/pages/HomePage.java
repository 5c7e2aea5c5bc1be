package cn.moralbank.web.pages;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.household.Households;
import cn.moralbank.points.ledger.Passbooks;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.ledger.projection.AccountBalance;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.RegionTotalsRepository;
import cn.moralbank.points.region.Regions;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** The first page after sign-in: what this role works with, within its scope. */
@Produces(MediaType.TEXT_HTML)
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class HomePage {
    private final Regions regions;
    private final RegionTotalsRepository totals;
    private final Households households;
    private final Passbooks passbooks;

    HomePage(Regions regions, RegionTotalsRepository totals, Households households, Passbooks passbooks) {
        this.regions = regions;
        this.totals = totals;
        this.households = households;
        this.passbooks = passbooks;
    }

    @Get
    @Secured(SecurityRule.IS_ANONYMOUS)
    HttpResponse<?> home(@Nullable Authentication auth) {
        if (auth == null) {
            return HttpResponse.seeOther(URI.create("/login"));
        }
        Actor actor = ActorClaims.of(auth);
        Map<String, Object> model = new HashMap<>();
        switch (actor.role()) {
            case VILLAGER -> {
                Household household = households.visible(actor, new HouseholdId(actor.householdId()));
                model.put("household", household);
                model.put("balance", passbooks.balance(household.householdId()).map(AccountBalance::balance).orElse(0L));
                model.put("lines", passbooks.passbook(household.householdId(), 0, 10).getContent());
                return HttpResponse.ok(new ModelAndView<>("home/villager", model));
            }
            // a kiosk's only work is checkout, an operator's the shop: no extra tap for either
            case KIOSK -> {
                return HttpResponse.seeOther(URI.create("/kiosk"));
            }
            case SUPERMARKET_OPERATOR -> {
                return HttpResponse.seeOther(URI.create("/shop"));
            }
            default -> {
                Region region = regions.byPath(actor.regionPath());
                model.put("region", region);
                model.put("lineage", regions.lineage(region));
                model.put("children", totals.childrenOf(region.id()));
                model.put("householdCount", households.search(actor, "", 0, 1).getTotalSize());
                return HttpResponse.ok(new ModelAndView<>("home/office", model));
            }
        }
    }
}
