package cn.moralbank.web.verify;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.web.pages.deeds.Times;
import io.micronaut.context.MessageSource;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.i18n.ResourceBundleMessageSource;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The county office's operations page for verify (/ops/verify): the last run (when, what was checked, missing,
 * different, still being projected), its first differences of the office's own county (those elsewhere only
 * counted: a deployment may serve several counties), and "verify now", which starts a run in the background
 * unless one is running on any node.
 */
@Produces(MediaType.TEXT_HTML)
@Controller("/ops/verify")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("COUNTY_OFFICE")
class VerifyPages {
    private final VerifyRuns runs;
    private final VerifyJob job;
    private final Times times;

    VerifyPages(VerifyRuns runs, VerifyJob job, Times times) {
        this.runs = runs;
        this.job = job;
        this.times = times;
    }

    @Get
    ModelAndView<Map<String, Object>> page(Authentication auth, @Nullable @QueryValue String started) {
        Actor actor = ActorClaims.of(auth);
        Map<String, Object> model = new HashMap<>();
        model.put("times", times);
        model.put("running", job.running());
        model.put("started", started);
        var last = runs.lastFinished();
        model.put("run", last.orElse(null));
        List<Difference> all = last.map(run -> runs.differences(run.id())).orElse(List.of());
        List<Difference> shown = all.stream().filter(d -> actor.covers(d.regionPath())).toList();
        model.put("differences", shown);
        model.put("hidden", all.size() - shown.size());
        return new ModelAndView<>("ops/verify", model);
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> verifyNow(Authentication auth) {
        boolean started = job.startNow(VerifyRuns.Trigger.MANUAL, ActorClaims.of(auth).userId());
        return HttpResponse.seeOther(URI.create("/ops/verify?started=" + (started ? "yes" : "busy")));
    }

    /** This page's texts (i18n/verify*.properties), zh-CN first. */
    @Factory
    static class Bundle {
        @Singleton
        @Named("verify")
        @Order(20)
        MessageSource verify() {
            return new ResourceBundleMessageSource("i18n.verify", Locale.SIMPLIFIED_CHINESE);
        }
    }
}
