package cn.moralbank.web.households;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.household.HouseholdBooks;
import cn.moralbank.points.household.Households;
import cn.moralbank.points.ledger.api.HouseholdId;
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
import io.micronaut.views.ModelAndView;

import java.time.Clock;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * 期初积分 and 迁出 on a household's page, for its village administrator: book the paper passbook's balance when the
 * household came without one (the ledger takes it only as the first live entry), correct a wrong one by a reversal
 * with a reason and book the right one, mark the household moved out. Each change is in the household's trail.
 */
@Produces(MediaType.TEXT_HTML)
@Controller("/households/{id}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"VILLAGE_ADMIN"})
class HouseholdBooksPages {
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));

    private final HouseholdBooks books;
    private final Households households;

    private final Clock clock;

    HouseholdBooksPages(HouseholdBooks books, Households households, Clock clock) {
        this.clock = clock;
        this.books = books;
        this.households = households;
    }

    @Get("/opening")
    ModelAndView<Map<String, Object>> opening(Authentication auth, String id, @Nullable @QueryValue String done) {
        Actor actor = ActorClaims.of(auth);
        HouseholdId household = new HouseholdId(id);
        Household h = households.visible(actor, household);
        Map<String, Object> model = new HashMap<>();
        model.put("household", h);
        model.put("openings", books.openings(actor, household));
        model.put("changes", books.changes(actor, household).stream().map(c -> Map.of("when",
                WHEN.format(c.changedAt()), "who", c.changedBy(), "action", c.action(), "reason", c.reason(),
                "before", c.beforeState(), "after", c.afterState())).toList());
        model.put("token", UUID.randomUUID().toString());
        model.put("today", LocalDate.now(clock).toString());
        model.put("done", done);
        return new ModelAndView<>("households/opening", model);
    }

    @Post(value = "/opening", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> book(Authentication auth, String id, @Body Map<String, String> form) {
        books.bookOpening(ActorClaims.of(auth), new HouseholdId(id), form.get("points"), form.get("asOf"),
                form.get("passbookNumber"), form.get("token"));
        return HttpResponse.seeOther(URI.create("/households/" + id + "/opening?done=booked"));
    }

    @Post(value = "/opening/reverse", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> reverse(Authentication auth, String id, @Body Map<String, String> form) {
        books.reverseOpening(ActorClaims.of(auth), new HouseholdId(id), form.get("entryId"), form.get("reason"));
        return HttpResponse.seeOther(URI.create("/households/" + id + "/opening?done=reversed"));
    }

    @Post(value = "/moved-out", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> movedOut(Authentication auth, String id, @Body Map<String, String> form) {
        books.markMovedOut(ActorClaims.of(auth), new HouseholdId(id), form.get("reason"));
        return HttpResponse.seeOther(URI.create("/households/" + id));
    }
}
