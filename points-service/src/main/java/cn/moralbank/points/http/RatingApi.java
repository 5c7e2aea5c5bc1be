package cn.moralbank.points.http;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.rating.ChangeView;
import cn.moralbank.points.rating.Eligibility;
import cn.moralbank.points.rating.RatingQueries;
import cn.moralbank.points.rating.RatingRounds;
import cn.moralbank.points.rating.RatingSettings;
import cn.moralbank.points.rating.RedemptionEligibility;
import cn.moralbank.points.rating.ResultView;
import cn.moralbank.points.rating.RoundView;
import cn.moralbank.points.rating.api.HouseholdCriteria;
import cn.moralbank.points.rating.api.RatingRoundId;
import cn.moralbank.points.rating.api.RoundKind;
import cn.moralbank.points.rating.api.WorkerCriteria;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.util.List;

/**
 * Star ratings for county platforms: the county's criteria, its rounds (grid workers by quarter, households by year),
 * their results and audit trail; opening, township scores, adjustments, publication, appeals and their decisions,
 * closing; a household's stars and whether it may redeem. Refusals answer 422 with the reason, scope 403.
 */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
class RatingApi {
    private final RatingRounds rounds;
    private final RatingQueries queries;
    private final RatingSettings settings;
    private final RedemptionEligibility eligibility;

    RatingApi(RatingRounds rounds, RatingQueries queries, RatingSettings settings, RedemptionEligibility eligibility) {
        this.rounds = rounds;
        this.queries = queries;
        this.settings = settings;
        this.eligibility = eligibility;
    }

    @Get("/ratings/criteria")
    @Secured({"COUNTY_OFFICE", "TOWNSHIP_OFFICER", "VILLAGE_ADMIN", "GRID_WORKER"})
    RatingSettings.Settings criteria(Authentication auth) {
        return settings.ofActor(ActorClaims.of(auth));
    }

    @Put("/ratings/criteria/workers")
    @Secured({"COUNTY_OFFICE"})
    RatingSettings.Settings workerCriteria(Authentication auth, @Body @NotNull WorkerCriteria criteria) {
        return settings.saveWorkers(ActorClaims.of(auth), criteria);
    }

    @Put("/ratings/criteria/households")
    @Secured({"COUNTY_OFFICE"})
    RatingSettings.Settings householdCriteria(Authentication auth, @Body @NotNull HouseholdCriteria criteria) {
        return settings.saveHouseholds(ActorClaims.of(auth), criteria);
    }

    @Get("/ratings/rounds")
    @Secured({"COUNTY_OFFICE", "TOWNSHIP_OFFICER", "VILLAGE_ADMIN", "GRID_WORKER"})
    List<RoundView> roundList(Authentication auth) {
        return queries.rounds(ActorClaims.of(auth));
    }

    @Post("/ratings/rounds")
    @Secured({"COUNTY_OFFICE"})
    HttpResponse<RoundView> open(Authentication auth, @Body @Valid NewRound round) {
        Actor actor = ActorClaims.of(auth);
        RatingRoundId id = round.kind() == RoundKind.GRID_WORKERS ? rounds.openWorkers(actor, round.period())
                : rounds.openHouseholds(actor, round.period());
        return HttpResponse.created(queries.round(actor, id), URI.create("/api/ratings/rounds/" + id.value()));
    }

    @Get("/ratings/rounds/{id}")
    @Secured({"COUNTY_OFFICE", "TOWNSHIP_OFFICER", "VILLAGE_ADMIN", "GRID_WORKER"})
    RoundView round(Authentication auth, String id) {
        return queries.round(ActorClaims.of(auth), new RatingRoundId(id));
    }

    @Get("/ratings/rounds/{id}/results")
    @Secured({"COUNTY_OFFICE", "TOWNSHIP_OFFICER", "VILLAGE_ADMIN", "GRID_WORKER"})
    List<ResultView> results(Authentication auth, String id) {
        return queries.results(ActorClaims.of(auth), new RatingRoundId(id));
    }

    @Get("/ratings/rounds/{id}/changes")
    @Secured({"COUNTY_OFFICE", "TOWNSHIP_OFFICER"})
    List<ChangeView> changes(Authentication auth, String id) {
        return queries.changes(ActorClaims.of(auth), new RatingRoundId(id));
    }

    @Put("/ratings/rounds/{id}/results/{subject}/township-score")
    @Secured({"COUNTY_OFFICE", "TOWNSHIP_OFFICER"})
    ResultView townshipScore(Authentication auth, String id, String subject, @Body @Valid Score score) {
        Actor actor = ActorClaims.of(auth);
        rounds.townshipScore(actor, new RatingRoundId(id), subject, score.score());
        return queries.result(actor, new RatingRoundId(id), subject);
    }

    @Put("/ratings/rounds/{id}/results/{subject}")
    @Secured({"COUNTY_OFFICE"})
    ResultView adjust(Authentication auth, String id, String subject, @Body @Valid Adjustment adjustment) {
        Actor actor = ActorClaims.of(auth);
        rounds.adjust(actor, new RatingRoundId(id), subject, adjustment.value(), adjustment.reason());
        return queries.result(actor, new RatingRoundId(id), subject);
    }

    @Post("/ratings/rounds/{id}/publication")
    @Secured({"COUNTY_OFFICE"})
    RoundView publish(Authentication auth, String id) {
        Actor actor = ActorClaims.of(auth);
        rounds.publish(actor, new RatingRoundId(id));
        return queries.round(actor, new RatingRoundId(id));
    }

    @Post("/ratings/rounds/{id}/appeal")
    @Secured({"GRID_WORKER"})
    ResultView appeal(Authentication auth, String id, @Body @Valid Reason reason) {
        Actor actor = ActorClaims.of(auth);
        rounds.appeal(actor, new RatingRoundId(id), reason.reason());
        return queries.result(actor, new RatingRoundId(id), actor.userId());
    }

    @Put("/ratings/rounds/{id}/appeals/{worker}")
    @Secured({"COUNTY_OFFICE"})
    ResultView decide(Authentication auth, String id, String worker, @Body @Valid Decision decision) {
        Actor actor = ActorClaims.of(auth);
        rounds.decide(actor, new RatingRoundId(id), worker, decision.upheld(), decision.newScore(),
                decision.reason());
        return queries.result(actor, new RatingRoundId(id), worker);
    }

    @Post("/ratings/rounds/{id}/closing")
    @Secured({"COUNTY_OFFICE"})
    RoundView close(Authentication auth, String id) {
        Actor actor = ActorClaims.of(auth);
        rounds.close(actor, new RatingRoundId(id));
        return queries.round(actor, new RatingRoundId(id));
    }

    @Get("/households/{id}/stars")
    @Secured({"COUNTY_OFFICE", "TOWNSHIP_OFFICER", "VILLAGE_ADMIN", "GRID_WORKER", "COMMITTEE_MEMBER", "VILLAGER"})
    List<ResultView> stars(Authentication auth, String id) {
        return queries.ofHousehold(ActorClaims.of(auth), new HouseholdId(id));
    }

    @Get("/households/{id}/eligibility")
    @Secured({"COUNTY_OFFICE", "TOWNSHIP_OFFICER", "VILLAGE_ADMIN", "SUPERMARKET_OPERATOR", "KIOSK", "VILLAGER"})
    Eligibility eligibility(Authentication auth, String id) {
        HouseholdId household = new HouseholdId(id);
        queries.ofHousehold(ActorClaims.of(auth), household);
        return eligibility.check(household);
    }

    @Serdeable
    record NewRound(@NotNull RoundKind kind, @NotBlank @Pattern(regexp = "[0-9A-Za-z-]{4,10}") String period) {
    }

    @Serdeable
    record Score(@Min(0) @Max(100) int score) {
    }

    @Serdeable
    record Adjustment(@Min(0) @Max(100) int value, @NotBlank @Size(max = 500) String reason) {
    }

    @Serdeable
    record Reason(@NotBlank @Size(max = 500) String reason) {
    }

    @Serdeable
    record Decision(boolean upheld, @Min(0) @Max(100) int newScore, @NotBlank @Size(max = 500) String reason) {
    }
}
