package cn.moralbank.web.households;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.WholeNumber;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.household.HouseholdChanges;
import cn.moralbank.points.household.Households;
import cn.moralbank.points.household.NewHousehold;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.region.RegionLevel;
import cn.moralbank.points.region.Regions;
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
import io.micronaut.views.ModelAndView;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * 农户变更: the village administrator's pages over HouseholdChanges — correct head, members, address and phone; move
 * to another grid; merge into another household (合户, by its card number) or split off a new one (分户) with a share
 * of the points. Merge and split ask for confirmation (confirm.js) and a reason; refusals change nothing.
 */
@Produces(MediaType.TEXT_HTML)
@Controller("/households/{id}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"VILLAGE_ADMIN"})
class HouseholdChangePages {
    private final HouseholdChanges changes;
    private final Households households;
    private final Regions regions;

    HouseholdChangePages(HouseholdChanges changes, Households households, Regions regions) {
        this.changes = changes;
        this.households = households;
        this.regions = regions;
    }

    @Get("/changes")
    ModelAndView<Map<String, Object>> page(Authentication auth, String id) {
        Actor actor = ActorClaims.of(auth);
        Household household = households.visible(actor, new HouseholdId(id));
        Map<String, Object> model = new HashMap<>();
        model.put("household", household);
        // the split form's token: sent twice (a double click, a retry), the split is made once
        model.put("token", UUID.randomUUID().toString());
        model.put("grids", regions.within(actor, RegionLevel.GRID));
        model.put("gridCode", regions.get(household.gridId()).code());
        return new ModelAndView<>("households/changes", model);
    }

    @Post(value = "/edit", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> edit(Authentication auth, String id, @Body Map<String, String> form) {
        changes.edit(ActorClaims.of(auth), new HouseholdId(id), household(form, "-"));
        return back(id);
    }

    @Post(value = "/grid", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> move(Authentication auth, String id, @Body Map<String, String> form) {
        changes.move(ActorClaims.of(auth), new HouseholdId(id), form.getOrDefault("gridCode", ""));
        return back(id);
    }

    /** 合户: into the household of the card number typed; this one closes, its balance moves by a transfer. */
    @Post(value = "/merge", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> merge(Authentication auth, String id, @Body Map<String, String> form) {
        Actor actor = ActorClaims.of(auth);
        Household into = households.byCard(actor, form.getOrDefault("intoCard", "").strip());
        changes.merge(actor, new HouseholdId(id), into.householdId(), form.getOrDefault("reason", ""));
        return back(into.id());
    }

    /** 分户: a new household registered in a grid of the village, with its share of points moved by a transfer. */
    @Post(value = "/split", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> split(Authentication auth, String id, @Body Map<String, String> form) {
        long points;
        try {
            String text = form.getOrDefault("points", "").strip();
            points = text.isEmpty() ? 0 : WholeNumber.parse(text);
        } catch (NumberFormatException e) {
            throw new BadInput("household.split.points-invalid", form.get("points"));
        }
        if (points < 0 || points > 100_000) {
            throw new BadInput("household.split.points-invalid", form.get("points"));
        }
        Household created = changes.split(ActorClaims.of(auth), new HouseholdId(id),
                household(form, form.getOrDefault("gridCode", "")), points, form.getOrDefault("reason", ""),
                form.get("token"));
        return back(created.id());
    }

    private static NewHousehold household(Map<String, String> form, String gridCode) {
        return new NewHousehold(null, form.getOrDefault("headName", ""), form.get("members"), form.get("address"),
                blankToNull(form.get("phone")), gridCode);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static HttpResponse<?> back(String id) {
        return HttpResponse.seeOther(URI.create("/households/" + id));
    }
}
