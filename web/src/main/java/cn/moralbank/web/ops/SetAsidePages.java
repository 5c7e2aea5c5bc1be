package cn.moralbank.web.ops;

import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.deed.SetAsideDeeds;
import cn.moralbank.points.deed.api.DeedId;
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

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * 结算搁置: the county office's page of the deeds of its region whose settlement was set aside by the objection-period
 * job (a refusal of the ledger or of the deed, or a failure three runs running), each with its reason, what to do,
 * and Try again (the job settles it at its next run). None is forgotten: the page and the home link show how many.
 */
@Controller("/ops/set-aside")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"COUNTY_OFFICE"})
class SetAsidePages {
    private final SetAsideDeeds setAside;
    private final Times times;

    SetAsidePages(SetAsideDeeds setAside, Times times) {
        this.setAside = setAside;
        this.times = times;
    }

    @Get
    @View("ops/set-aside")
    @Produces(MediaType.TEXT_HTML)
    Map<String, Object> list(Authentication auth, @Nullable @QueryValue String again) {
        List<SetAsideDeeds.Row> rows = setAside.list(ActorClaims.of(auth));
        Map<String, Object> model = new HashMap<>();
        model.put("deeds", rows);
        model.put("times", times);
        model.put("again", again != null && again.matches("[A-Za-z0-9-]{1,40}") ? again : "");
        return model;
    }

    @Post(value = "/{deed}/again", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<?> again(Authentication auth, String deed) {
        DeedId id = new DeedId(deed);
        boolean cleared = setAside.tryAgain(ActorClaims.of(auth), id);
        return HttpResponse.seeOther(URI.create("/ops/set-aside" + (cleared ? "?again=" + id.value() : "")));
    }
}
