package cn.moralbank.web.pages.deeds;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.deed.DeedQueries;
import cn.moralbank.points.household.Households;
import cn.moralbank.points.ledger.Passbooks;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.ledger.projection.AccountBalance;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;

import java.util.HashMap;
import java.util.Map;

/** A villager's "my deeds": every deed and penalty of the household and where it stands, and a self-report. */
@Produces(MediaType.TEXT_HTML)
@Controller("/deeds/mine")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"VILLAGER"})
class MyDeedsPage {
    private final DeedQueries queries;
    private final Households households;
    private final Passbooks passbooks;
    private final Times times;

    MyDeedsPage(DeedQueries queries, Households households, Passbooks passbooks, Times times) {
        this.queries = queries;
        this.households = households;
        this.passbooks = passbooks;
        this.times = times;
    }

    @Get
    ModelAndView<Map<String, Object>> mine(Authentication auth, @Nullable @QueryValue String reported) {
        Actor actor = ActorClaims.of(auth);
        HouseholdId household = new HouseholdId(actor.householdId());
        Map<String, Object> model = new HashMap<>();
        model.put("household", households.visible(actor, household));
        model.put("balance", passbooks.balance(household).map(AccountBalance::balance).orElse(0L));
        model.put("deeds", queries.ofHousehold(actor, household));
        model.put("reported", reported);
        model.put("times", times);
        return new ModelAndView<>("deeds/mine", model);
    }
}
