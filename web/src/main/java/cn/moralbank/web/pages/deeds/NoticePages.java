package cn.moralbank.web.pages.deeds;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.deed.NoticeBoard;
import cn.moralbank.points.deed.NoticeItem;
import cn.moralbank.points.deed.api.DeedId;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.Regions;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.*;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The village's notice board (公示): on screen, with an objection form for everyone of the village, and as the A4
 * poster (公示栏) the administrator prints and pins up in the village square.
 */
@Produces(MediaType.TEXT_HTML)
@Controller("/deeds/notice")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"COUNTY_OFFICE", "TOWNSHIP_OFFICER", "VILLAGE_ADMIN", "COMMITTEE_MEMBER", "GRID_WORKER", "VILLAGER"})
class NoticePages {
    static final String VIEW = "deeds/notice";
    /** Who lives or works in the village and so may object; the offices above read the board only. */
    private static final Set<Role> OF_THE_VILLAGE = Set.of(Role.VILLAGE_ADMIN, Role.COMMITTEE_MEMBER,
            Role.GRID_WORKER, Role.VILLAGER);

    private final NoticeBoard board;
    private final VillagePick villages;
    private final Regions regions;
    private final Refusals refusals;
    private final Times times;
    private final Clock clock;

    NoticePages(NoticeBoard board, VillagePick villages, Regions regions, Refusals refusals,
                Times times, Clock clock) {
        this.board = board;
        this.villages = villages;
        this.regions = regions;
        this.refusals = refusals;
        this.times = times;
        this.clock = clock;
    }

    @Get
    ModelAndView<Map<String, Object>> board(Authentication auth, @Nullable @QueryValue Long village,
                                            @Nullable @QueryValue String objected) {
        Map<String, Object> model = model(ActorClaims.of(auth), village);
        model.put("objected", objected);
        return new ModelAndView<>(VIEW, model);
    }

    /** The A4 poster: households, deeds, points and when each period ends, with the print stylesheet. */
    @Get("/poster")
    HttpResponse<?> poster(Authentication auth, @Nullable @QueryValue Long village) {
        Actor actor = ActorClaims.of(auth);
        Region chosen = villages.pick(actor, village).orElse(null);
        if (chosen == null) {
            return HttpResponse.seeOther(URI.create("/deeds/notice"));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("village", chosen);
        model.put("lineage", regions.lineage(chosen));
        model.put("items", board.list(actor, chosen.id()));
        model.put("printedAt", LocalDate.now(clock));
        model.put("times", times);
        return HttpResponse.ok(new ModelAndView<>("deeds/poster", model));
    }

    @Post(value = "/{id}/objection", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({"VILLAGE_ADMIN", "COMMITTEE_MEMBER", "GRID_WORKER", "VILLAGER"})
    HttpResponse<?> object(HttpRequest<?> request, Authentication auth, String id, @Body Map<String, Object> form) {
        Actor actor = ActorClaims.of(auth);
        DeedId deed = new DeedId(id);
        Region village = villages.require(actor, null);
        return refusals.formOr(request, () -> {
            board.object(actor, deed, ReviewPages.text(form.get("reason")));
            return HttpResponse.seeOther(URI.create("/deeds/notice?objected=" + id));
        }, VIEW, () -> model(actor, null));
    }

    private Map<String, Object> model(Actor actor, @Nullable Long villageId) {
        Map<String, Object> model = new HashMap<>();
        Region village = villages.pick(actor, villageId).orElse(null);
        model.put("village", village);
        model.put("villages", villages.choices(actor));
        model.put("items", village == null ? List.<NoticeItem>of() : board.list(actor, village.id()));
        model.put("canObject", OF_THE_VILLAGE.contains(actor.role()));
        model.put("times", times);
        return model;
    }
}
