package cn.moralbank.web.ops;

import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.infra.axon.DeadLetterQueues;
import cn.moralbank.points.infra.axon.DeadLetterView;
import cn.moralbank.web.pages.deeds.Times;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
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
import jakarta.validation.constraints.Pattern;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations page of the county office: the projections' dead letters of its county, with Retry and Evict (forms
 * with the CSRF token; each action audited by {@link DeadLetterQueues}). After an action the page says how it ended.
 */
@Controller("/ops/dead-letters")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"COUNTY_OFFICE"})
class DeadLetterPages {
    private static final String LETTER_ID = "[A-Za-z0-9-]{1,64}";
    private final DeadLetterQueues deadLetters;
    private final Times times;

    DeadLetterPages(DeadLetterQueues deadLetters, Times times) {
        this.deadLetters = deadLetters;
        this.times = times;
    }

    @Get
    @View("ops/dead-letters")
    @Produces(MediaType.TEXT_HTML)
    Map<String, Object> list(Authentication auth, @Nullable @QueryValue String outcome,
                             @Nullable @QueryValue String detail) {
        List<DeadLetterView> letters = deadLetters.list(ActorClaims.of(auth));
        Map<String, Object> model = new HashMap<>();
        model.put("letters", letters);
        model.put("times", times);
        model.put("parked", letters.stream().mapToLong(l -> 1 + l.waitingBehind()).sum());
        if (outcome != null && outcome.matches("PROCESSED|FAILED|BUSY|EVICTED")) {
            model.put("outcome", outcome);
            model.put("detail", detail == null ? "" : detail);
        }
        return model;
    }

    @Post(value = "/{id}/retry", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<?> retry(Authentication auth, @Pattern(regexp = LETTER_ID) String id) {
        return done(deadLetters.retry(ActorClaims.of(auth), id));
    }

    @Post(value = "/{id}/evict", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<?> evict(Authentication auth, @Pattern(regexp = LETTER_ID) String id) {
        return done(deadLetters.evict(ActorClaims.of(auth), id));
    }

    private static HttpResponse<?> done(DeadLetterQueues.Result result) {
        String detail = result.detail().length() > 300 ? result.detail().substring(0, 300) : result.detail();
        return HttpResponse.seeOther(URI.create("/ops/dead-letters?outcome=" + result.outcome().name() + "&detail="
                + URLEncoder.encode(detail, StandardCharsets.UTF_8)));
    }
}
