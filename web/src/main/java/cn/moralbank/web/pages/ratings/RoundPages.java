package cn.moralbank.web.pages.ratings;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.household.HouseholdRepository;
import cn.moralbank.points.rating.RatingQueries;
import cn.moralbank.points.rating.RatingRounds;
import cn.moralbank.points.rating.ResultView;
import cn.moralbank.points.rating.RoundView;
import cn.moralbank.points.rating.api.RatingRoundId;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.RegionLevel;
import cn.moralbank.points.region.Regions;
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
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One rating round: every result within the caller's region with its criterion scores; the township's scores and
 * the county office's adjustments while it is open; publication; appeals and their answers; closing; the audit trail
 * and the certificates. What a button does is checked again on the server, whoever shows it.
 */
@Produces(MediaType.TEXT_HTML)
@Controller("/ratings/{id}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"COUNTY_OFFICE", "TOWNSHIP_OFFICER", "VILLAGE_ADMIN"})
class RoundPages {
    static final int PAGE = 200;
    private final RatingQueries queries;
    private final RatingRounds rounds;
    private final Regions regions;
    private final Clock clock;
    private final HouseholdRepository households;

    RoundPages(RatingQueries queries, RatingRounds rounds, Regions regions, Clock clock,
               HouseholdRepository households) {
        this.households = households;
        this.queries = queries;
        this.rounds = rounds;
        this.regions = regions;
        this.clock = clock;
    }

    @Get
    @View("ratings/round")
    Map<String, Object> round(Authentication auth, String id, @Nullable @QueryValue Long region,
                              @QueryValue(defaultValue = "0") int page) {
        Actor actor = ActorClaims.of(auth);
        RatingRoundId roundId = new RatingRoundId(id);
        RoundView round = queries.round(actor, roundId);
        Region shown = region == null ? regions.byPath(actor.regionPath()) : regions.get(region);
        List<ResultView> results = queries.within(actor, roundId, shown.id(), PAGE + 1, (int) Math.min(Integer.MAX_VALUE, Math.max(0L, page) * PAGE));
        Map<String, Object> model = new HashMap<>();
        boolean office = actor.role() == Role.COUNTY_OFFICE;
        model.put("round", round);
        model.put("region", shown);
        model.put("scope", regions.byPath(actor.regionPath()));
        model.put("villages", round.ofWorkers() ? List.of() : regions.within(actor, RegionLevel.VILLAGE));
        List<ResultView> shownResults = results.subList(0, Math.min(PAGE, results.size()));
        model.put("results", shownResults);
        model.put("certified", CertificatePages.certified(round, shownResults));
        // the region's 打印证书 only when it has a certificate to print (a blank page otherwise)
        model.put("anyCertified", round.published() && !CertificatePages.certified(round,
                queries.within(actor, roundId, shown.id(), 500, 0)).isEmpty());
        Map<Long, String> grids = new HashMap<>();
        shownResults.stream().map(ResultView::gridId).filter(Objects::nonNull).distinct()
                .forEach(g -> grids.put(g, gridName(g)));
        model.put("grids", grids);
        model.put("whose", round.ofWorkers() ? Map.of() : whose(shownResults));
        model.put("count", queries.count(roundId, shown.id()));
        model.put("page", Math.max(0, page));
        model.put("more", results.size() > PAGE);
        model.put("office", office);
        model.put("canAdjust", office && round.open());
        model.put("canScore", round.open() && round.ofWorkers()
                && (office || actor.role() == Role.TOWNSHIP_OFFICER));
        model.put("canPublish", office && round.open());
        model.put("canDecide", office && round.ofWorkers());
        // closing waits for the end of the appeal period: the button shows when it can succeed
        model.put("canClose", office && round.status().equals("PUBLISHED")
                && (round.appealEnds() == null || !clock.instant().isBefore(round.appealEnds())));
        model.put("changes", office || actor.role() == Role.TOWNSHIP_OFFICER ? queries.changes(actor, roundId)
                : List.of());
        model.put("pending", results.stream().filter(r -> "PENDING".equals(r.appeal())).toList());
        return model;
    }

    /**
     * What tells two households of the same head's name apart on the round's page: the card's last digits, the
     * grid and the address, e.g. 卡尾号 0012 · 第一网格 · 河东村3组.
     */
    private Map<String, String> whose(List<ResultView> results) {
        Map<String, String> whose = new HashMap<>();
        Map<Long, String> gridNames = new HashMap<>();
        for (ResultView r : results) {
            households.findById(r.subject()).ifPresent(h -> {
                String card = h.cardNumber();
                String tail = card.length() > 4 ? card.substring(card.length() - 4) : card;
                String grid = h.gridId() == null ? null
                        : gridNames.computeIfAbsent(h.gridId(), g -> regions.get(g).name());
                StringBuilder text = new StringBuilder("****").append(tail);
                if (grid != null) {
                    text.append(" · ").append(grid);
                }
                if (h.address() != null && !h.address().isBlank()) {
                    text.append(" · ").append(h.address().strip());
                }
                whose.put(r.subject(), text.toString());
            });
        }
        return whose;
    }

    /** 河东村第一网格: a grid by its village's name and its own. */
    private String gridName(long gridId) {
        Region grid = regions.get(gridId);
        return regions.get(grid.parentId()).name() + grid.name();
    }

    @Post(value = "/township-score", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({"COUNTY_OFFICE", "TOWNSHIP_OFFICER"})
    HttpResponse<?> townshipScore(Authentication auth, String id, @Body Map<String, String> f) {
        rounds.townshipScore(ActorClaims.of(auth), new RatingRoundId(id), Forms.text(f, "subject"),
                Forms.whole(f, "score"));
        return back(id, f);
    }

    @Post(value = "/adjust", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({"COUNTY_OFFICE"})
    HttpResponse<?> adjust(Authentication auth, String id, @Body Map<String, String> f) {
        rounds.adjust(ActorClaims.of(auth), new RatingRoundId(id), Forms.text(f, "subject"), Forms.whole(f, "value"),
                Forms.text(f, "reason"));
        return back(id, f);
    }

    @Post(value = "/publish", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({"COUNTY_OFFICE"})
    HttpResponse<?> publish(Authentication auth, String id) {
        rounds.publish(ActorClaims.of(auth), new RatingRoundId(id));
        return HttpResponse.seeOther(URI.create("/ratings/" + id));
    }

    @Post(value = "/decide", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({"COUNTY_OFFICE"})
    HttpResponse<?> decide(Authentication auth, String id, @Body Map<String, String> f) {
        boolean upheld = "yes".equals(f.get("upheld"));
        int score = upheld ? Forms.whole(f, "newScore") : 0;
        rounds.decide(ActorClaims.of(auth), new RatingRoundId(id), Forms.text(f, "worker"), upheld, score,
                Forms.text(f, "reason"));
        return back(id, f);
    }

    @Post(value = "/close", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({"COUNTY_OFFICE"})
    HttpResponse<?> close(Authentication auth, String id) {
        rounds.close(ActorClaims.of(auth), new RatingRoundId(id));
        return HttpResponse.seeOther(URI.create("/ratings/" + id));
    }

    /** Back to the round, at the region and page the form was sent from. */
    private static HttpResponse<?> back(String id, Map<String, String> f) {
        String region = f.getOrDefault("region", "");
        String query = region.matches("[0-9]{1,18}") ? "?region=" + region : "";
        return HttpResponse.seeOther(URI.create("/ratings/" + new RatingRoundId(id).value() + query));
    }
}
