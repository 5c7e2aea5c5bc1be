package cn.moralbank.web.pages.ratings;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.household.CountySetting;
import cn.moralbank.points.household.CountySettings;
import cn.moralbank.points.ranking.Period;
import cn.moralbank.points.ranking.PeriodKind;
import cn.moralbank.points.ranking.Rankings;
import cn.moralbank.points.rating.RatingQueries;
import cn.moralbank.points.rating.RatingRounds;
import cn.moralbank.points.rating.RatingSettings;
import cn.moralbank.points.rating.api.HouseholdCriteria;
import cn.moralbank.points.rating.api.RatingRoundId;
import cn.moralbank.points.rating.api.WorkerCriteria;
import cn.moralbank.web.pages.dashboard.Forms;
import io.micronaut.core.annotation.Nullable;
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
import io.micronaut.views.View;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * 星级评定: the county's rounds (grid workers by quarter, households by year), the criteria and colour thresholds the
 * county office sets, and opening a round. Townships and village administrators read them.
 */
@Produces(MediaType.TEXT_HTML)
@Controller("/ratings")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"CITY_OFFICE", "COUNTY_OFFICE", "TOWNSHIP_OFFICER", "VILLAGE_ADMIN"})
class RatingPages {
    private final RatingQueries queries;
    private final RatingRounds rounds;
    private final RatingSettings settings;
    private final Rankings rankings;
    private final CountySettings county;

    RatingPages(RatingQueries queries, RatingRounds rounds, RatingSettings settings, Rankings rankings,
                CountySettings county) {
        this.county = county;
        this.queries = queries;
        this.rounds = rounds;
        this.settings = settings;
        this.rankings = rankings;
    }

    @Get
    @View("ratings/index")
    Map<String, Object> index(Authentication auth, @Nullable @QueryValue String saved) {
        Actor actor = ActorClaims.of(auth);
        Map<String, Object> model = new HashMap<>();
        model.put("rounds", queries.rounds(actor));
        model.put("settings", settings.ofActor(actor));
        model.put("office", actor.role() == Role.COUNTY_OFFICE);
        model.put("quarter", Period.of(PeriodKind.QUARTER, rankings.today()).key());
        model.put("year", Period.of(PeriodKind.YEAR, rankings.today()).key());
        model.put("saved", saved != null);
        // the county settings page, where its office set the redemption rule there, decides over these criteria
        model.put("blockSetting", county.currentFor(actor, CountySetting.BLOCK_BELOW_STARS).orElse(null));
        model.put("recoverySetting", county.currentFor(actor, CountySetting.RECOVERY_POINTS).orElse(null));
        return model;
    }

    @Post(value = "/criteria/workers", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({"COUNTY_OFFICE"})
    HttpResponse<?> workerCriteria(Authentication auth, @Body Map<String, String> f) {
        settings.saveWorkers(ActorClaims.of(auth), new WorkerCriteria(Forms.whole(f, "confirmedWeight"),
                Forms.whole(f, "participationWeight"), Forms.whole(f, "timelinessWeight"),
                Forms.whole(f, "accuracyWeight"), Forms.whole(f, "townshipWeight"), Forms.whole(f, "confirmedTarget"),
                Forms.whole(f, "maxDelayDays"), List.of(Forms.whole(f, "stars2"), Forms.whole(f, "stars3"),
                Forms.whole(f, "stars4"), Forms.whole(f, "stars5")), Forms.whole(f, "flagBelowStars"),
                Forms.whole(f, "appealDays")));
        return saved();
    }

    @Post(value = "/criteria/households", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({"COUNTY_OFFICE"})
    HttpResponse<?> householdCriteria(Authentication auth, @Body Map<String, String> f) {
        settings.saveHouseholds(ActorClaims.of(auth), new HouseholdCriteria(Forms.number(f, "minCategoryPoints"),
                Forms.whole(f, "minCategories"), Forms.number(f, "maxPenaltyPoints"),
                Forms.whole(f, "blockBelowStars"), Forms.number(f, "recoveryPoints")));
        return saved();
    }

    @Post(value = "/colours", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({"COUNTY_OFFICE"})
    HttpResponse<?> colours(Authentication auth, @Body Map<String, String> f) {
        settings.saveColours(ActorClaims.of(auth), Forms.whole(f, "redBelowPct"), Forms.whole(f, "yellowBelowPct"));
        return saved();
    }

    @Post(value = "/open", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({"COUNTY_OFFICE"})
    HttpResponse<?> open(Authentication auth, @Body Map<String, String> f) {
        Actor actor = ActorClaims.of(auth);
        RatingRoundId id = "HOUSEHOLDS".equals(f.get("kind"))
                ? rounds.openHouseholds(actor, Forms.text(f, "period"))
                : rounds.openWorkers(actor, Forms.text(f, "period"));
        return HttpResponse.seeOther(URI.create("/ratings/" + id.value()));
    }

    private static HttpResponse<?> saved() {
        return HttpResponse.seeOther(URI.create("/ratings?saved=1"));
    }
}
