package cn.moralbank.web.pages.self;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.deed.DeedQueries;
import cn.moralbank.points.deed.DeedView;
import cn.moralbank.points.deed.NoticeBoard;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.household.Households;
import cn.moralbank.points.ledger.Passbooks;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.ledger.projection.AccountBalance;
import cn.moralbank.points.ranking.Measure;
import cn.moralbank.points.ranking.Period;
import cn.moralbank.points.ranking.PeriodKind;
import cn.moralbank.points.ranking.Rankings;
import cn.moralbank.points.rating.RatingQueries;
import cn.moralbank.points.rating.RedemptionEligibility;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.RegionLevel;
import cn.moralbank.points.region.Regions;
import cn.moralbank.web.i18n.Messages;
import io.micronaut.http.HttpRequest;
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

/**
 * A villager's own pages, made for a cheap phone: the balance, where the household stands in the village this month
 * and this year, its stars, the latest passbook lines and deeds, the village's notice board. Everything is read for
 * the signed-in household only; nothing here takes a household id from the address.
 */
@Controller("/self")
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"VILLAGER"})
class SelfPages {
    static final int PASSBOOK_PAGE = 30;
    private final Households households;
    private final Passbooks passbooks;
    private final Rankings rankings;
    private final RatingQueries ratings;
    private final RedemptionEligibility eligibility;
    private final DeedQueries deeds;
    private final NoticeBoard notices;
    private final Regions regions;
    private final Messages messages;

    SelfPages(Households households, Passbooks passbooks, Rankings rankings, RatingQueries ratings,
              RedemptionEligibility eligibility, DeedQueries deeds, NoticeBoard notices, Regions regions,
              Messages messages) {
        this.households = households;
        this.passbooks = passbooks;
        this.rankings = rankings;
        this.ratings = ratings;
        this.eligibility = eligibility;
        this.deeds = deeds;
        this.notices = notices;
        this.regions = regions;
        this.messages = messages;
    }

    @Get
    @View("self/index")
    Map<String, Object> home(HttpRequest<?> request, Authentication auth) {
        Actor actor = ActorClaims.of(auth);
        Household household = own(actor);
        HouseholdId id = household.householdId();
        Map<String, Object> model = base(household);
        Period month = Period.of(PeriodKind.MONTH, rankings.today());
        Period year = Period.of(PeriodKind.YEAR, rankings.today());
        model.put("month", month);
        model.put("year", year);
        model.put("monthRank", rankings.rankOf(actor, id, RegionLevel.VILLAGE, month, Measure.EARNED));
        model.put("yearRank", rankings.rankOf(actor, id, RegionLevel.VILLAGE, year, Measure.EARNED));
        model.put("stars", ratings.ofHousehold(actor, id));
        var mayRedeem = eligibility.check(id);
        model.put("mayRedeem", mayRedeem.mayRedeem());
        model.put("redeemText", messages.get(request, mayRedeem.code(), mayRedeem.arguments()));
        model.put("lines", passbooks.passbook(id, 0, 5).getContent());
        List<DeedView> mine = deeds.ofHousehold(actor, id);
        model.put("deeds", mine.subList(0, Math.min(3, mine.size())));
        model.put("deedCount", mine.size());
        model.put("notices", notices.list(actor, village(household).id()).size());
        return model;
    }

    @Get("/passbook")
    @View("self/passbook")
    Map<String, Object> passbook(Authentication auth, @QueryValue(defaultValue = "0") int page) {
        Household household = own(ActorClaims.of(auth));
        Map<String, Object> model = base(household);
        model.put("passbook", passbooks.passbook(household.householdId(), Math.max(0, page), PASSBOOK_PAGE));
        return model;
    }

    @Get("/deeds")
    @View("self/deeds")
    Map<String, Object> deeds(Authentication auth) {
        Actor actor = ActorClaims.of(auth);
        Household household = own(actor);
        Map<String, Object> model = base(household);
        model.put("deeds", deeds.ofHousehold(actor, household.householdId()));
        return model;
    }

    @Get("/notices")
    @View("self/notices")
    Map<String, Object> notices(Authentication auth) {
        Actor actor = ActorClaims.of(auth);
        Household household = own(actor);
        Map<String, Object> model = base(household);
        model.put("notices", notices.list(actor, village(household).id()));
        return model;
    }

    private Household own(Actor actor) {
        return households.visible(actor, new HouseholdId(actor.householdId()));
    }

    private Map<String, Object> base(Household household) {
        Map<String, Object> model = new HashMap<>();
        model.put("household", household);
        model.put("village", village(household));
        model.put("balance", passbooks.balance(household.householdId()).map(AccountBalance::balance).orElse(0L));
        return model;
    }

    private Region village(Household household) {
        return regions.get(regions.get(household.gridId()).parentId());
    }
}
