package cn.moralbank.web.pages.ratings;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.rating.RatingQueries;
import cn.moralbank.points.rating.RatingRounds;
import cn.moralbank.points.rating.ResultView;
import cn.moralbank.points.rating.api.RatingRoundId;
import cn.moralbank.web.pages.dashboard.Forms;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.View;

import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A grid worker's own stars, quarter by quarter, with the reasons behind each score and an appeal while it is open. */
@Produces(MediaType.TEXT_HTML)
@Controller("/ratings")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"GRID_WORKER"})
class WorkerPages {
    private final RatingQueries queries;
    private final RatingRounds rounds;
    private final Clock clock;

    WorkerPages(RatingQueries queries, RatingRounds rounds, Clock clock) {
        this.queries = queries;
        this.rounds = rounds;
        this.clock = clock;
    }

    @Get("/mine")
    @View("ratings/mine")
    Map<String, Object> mine(Authentication auth) {
        Actor actor = ActorClaims.of(auth);
        List<ResultView> results = queries.ofWorker(actor);
        Map<String, Object> rounds = new HashMap<>();
        Map<String, Boolean> appealable = new HashMap<>();
        Set<String> certified = new HashSet<>();
        for (ResultView r : results) {
            var round = queries.round(actor, new RatingRoundId(r.roundId()));
            rounds.put(r.roundId(), round);
            if (CertificatePages.certified(round, r)) {
                certified.add(r.roundId());
            }
            appealable.put(r.roundId(), r.appeal() == null && round.status().equals("PUBLISHED")
                    && round.appealEnds() != null && clock.instant().isBefore(round.appealEnds()));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("results", results);
        model.put("rounds", rounds);
        model.put("appealable", appealable);
        model.put("certified", certified);
        return model;
    }

    @Post(value = "/{id}/appeal", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> appeal(Authentication auth, String id, @Body Map<String, String> f) {
        rounds.appeal(ActorClaims.of(auth), new RatingRoundId(id), Forms.text(f, "reason"));
        return HttpResponse.seeOther(URI.create("/ratings/mine"));
    }
}
