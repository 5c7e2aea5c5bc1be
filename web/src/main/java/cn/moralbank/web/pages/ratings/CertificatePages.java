package cn.moralbank.web.pages.ratings;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.ranking.Measure;
import cn.moralbank.points.ranking.Period;
import cn.moralbank.points.ranking.PeriodKind;
import cn.moralbank.points.ranking.Rankings;
import cn.moralbank.points.rating.CertificateSerials;
import cn.moralbank.points.rating.RatingQueries;
import cn.moralbank.points.rating.ResultView;
import cn.moralbank.points.rating.RoundView;
import cn.moralbank.points.rating.api.RatingRoundId;
import cn.moralbank.points.rating.api.RoundKind;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.RegionLevel;
import cn.moralbank.points.region.Regions;
import cn.moralbank.web.pages.PageModel;
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

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What is printed of a published round: star certificates (荣誉证书, A4 landscape) for grid workers and star
 * households, one or a village's worth; and a village's honour roll (光荣榜) with its star households and the
 * households that earned most in the year.
 */
@Controller("/ratings")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
class CertificatePages {
    private final RatingQueries queries;
    private final CertificateSerials serials;
    private final Rankings rankings;
    private final Regions regions;
    private final ZoneId zone;
    private final PageModel pages;

    CertificatePages(RatingQueries queries, CertificateSerials serials, Rankings rankings,
                     Regions regions, Clock clock, PageModel pages) {
        this.pages = pages;
        this.queries = queries;
        this.serials = serials;
        this.rankings = rankings;
        this.regions = regions;
        this.zone = clock.getZone();
    }

    @Get("/{id}/certificates/{subject}")
    @View("print/certificate")
    @Secured({"COUNTY_OFFICE", "TOWNSHIP_OFFICER", "VILLAGE_ADMIN", "GRID_WORKER"})
    Map<String, Object> one(Authentication auth, String id, String subject) {
        Actor actor = ActorClaims.of(auth);
        RoundView round = published(actor, new RatingRoundId(id));
        ResultView result = queries.result(actor, new RatingRoundId(id), subject);
        if (!certified(round, result)) {
            throw new BadInput("certificate.no-stars", result.name());
        }
        return model(round, List.of(result));
    }

    /**
     * Every certificate of the round in a region (a village by default for households): the same results that have
     * a 证书 link of their own on the round's page, each with its own page.
     */
    @Get("/{id}/certificates")
    @View("print/certificate")
    @Secured({"COUNTY_OFFICE", "TOWNSHIP_OFFICER", "VILLAGE_ADMIN"})
    Map<String, Object> many(Authentication auth, String id, @Nullable @QueryValue Long region) {
        Actor actor = ActorClaims.of(auth);
        RatingRoundId roundId = new RatingRoundId(id);
        RoundView round = published(actor, roundId);
        long regionId = region == null ? regions.byPath(actor.regionPath()).id() : region;
        List<ResultView> results = queries.within(actor, roundId, regionId, 500, 0).stream()
                .filter(r -> certified(round, r)).toList();
        return model(round, results);
    }

    @Get("/honour-roll")
    @View("print/honour-roll")
    @Secured({"COUNTY_OFFICE", "TOWNSHIP_OFFICER", "VILLAGE_ADMIN"})
    Map<String, Object> honourRoll(Authentication auth, @Nullable @QueryValue Long village,
                                   @Nullable @QueryValue String year) {
        Actor actor = ActorClaims.of(auth);
        Region place = village == null ? regions.byPath(actor.regionPath()) : regions.get(village);
        // in scope first: a refusal that names the region must not name one the caller may not see
        rankings.region(actor, place.id());
        if (place.level() != RegionLevel.VILLAGE) {
            throw new BadInput("honour.not-a-village", place.name());
        }
        Period period = year == null || year.isBlank() ? Period.of(PeriodKind.YEAR, rankings.today())
                : rankings.period(year);
        if (period.kind() != PeriodKind.YEAR) {
            // the poster is the year's (年度光荣榜): a week or all time printed under its title misled
            throw new BadInput("honour.year.invalid", year);
        }
        Map<Integer, List<ResultView>> byStars = new TreeMap<>(Comparator.reverseOrder());
        RoundView round = queries.latestPublished(actor, RoundKind.HOUSEHOLDS).orElse(null);
        if (round != null) {
            queries.within(actor, new RatingRoundId(round.roundId()), place.id()).stream()
                    .filter(r -> r.stars() >= 1)
                    .forEach(r -> byStars.computeIfAbsent(r.stars(), s -> new ArrayList<>()).add(r));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("village", place);
        model.put("lineage", regions.lineage(place));
        model.put("round", round);
        model.put("byStars", byStars);
        model.put("period", period);
        // the village's honour: households on its register now (one that moved out, 迁出, is no honour of it)
        model.put("top", rankings.households(actor, place.id(), period, Measure.EARNED, 20, 0).stream()
                .filter(h -> h.value() > 0 && h.onRegister()).limit(10).toList());
        model.put("printedOn", rankings.today());
        return model;
    }

    /**
     * Whether a result earns a certificate (荣誉证书): a star household with any stars; a grid worker at or above the
     * round's line ({@code flagBelowStars}): one below it is being warned, and two quarters below it is flagged for
     * replacement, neither an honour. The round's page, the worker's own page and the printing all ask this.
     */
    static boolean certified(RoundView round, ResultView result) {
        if (result.stars() < 1 || result.flagged() || round.open()) {
            return false;
        }
        return !round.ofWorkers() || round.workerCriteria() == null
                || result.stars() >= round.workerCriteria().flagBelowStars();
    }

    /** The subjects of these results that earn a certificate of the round, for a page's 证书 links. */
    static Set<String> certified(RoundView round, List<ResultView> results) {
        return results.stream().filter(r -> certified(round, r)).map(ResultView::subject)
                .collect(Collectors.toSet());
    }

    private RoundView published(Actor actor, RatingRoundId id) {
        RoundView round = queries.round(actor, id);
        if (round.open()) {
            throw new BadInput("certificate.not-published", id.value());
        }
        return round;
    }

    private Map<String, Object> model(RoundView round, List<ResultView> results) {
        Map<String, Object> model = new HashMap<>();
        model.put("round", round);
        model.put("results", results);
        model.put("names", results.stream().collect(Collectors.toMap(ResultView::subject,
                r -> plainName(r.name()), (a, b) -> a)));
        model.put("issuedOn", round.publishedAt() == null ? rankings.today()
                : LocalDate.ofInstant(round.publishedAt(), zone));
        model.put("periodText", periodText(round));
        // the round's county names the certificate (a city office prints for the county that rated)
        model.put("countyName", pages.countyName(round.countyPath()));
        model.put("serials", serials.of(round.roundId(), round.period(),
                regions.countyOf(round.countyPath()).name(), results.stream().map(ResultView::subject).toList()));
        return model;
    }

    /** A person's name without the role some accounts carry beside it: 张建国（网格员） is 张建国 on a certificate. */
    static String plainName(String name) {
        return name.replaceAll("\\s*[（(][^）)]*[）)]\\s*$", "");
    }

    /** 2026-Q4 reads 2026年第四季度; 2026 reads 2026年度. */
    static String periodText(RoundView round) {
        String p = round.period();
        if (p.contains("-Q")) {
            return p.substring(0, 4) + "年第" + "一二三四".charAt(p.charAt(6) - '1') + "季度";
        }
        return p + "年度";
    }
}
