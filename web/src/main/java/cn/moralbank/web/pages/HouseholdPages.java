package cn.moralbank.web.pages;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.QrSvg;
import cn.moralbank.points.household.CardMask;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.household.Households;
import cn.moralbank.points.household.HouseholdStatus;
import cn.moralbank.points.household.NewHousehold;
import cn.moralbank.points.ledger.Passbooks;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.ledger.projection.AccountBalance;
import cn.moralbank.points.ledger.projection.PassbookLine;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.RegionLevel;
import cn.moralbank.points.region.Regions;
import cn.moralbank.web.households.ClosedHouseholdsPage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Page;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.*;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.View;

import java.time.Clock;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The administrator's household pages: the list of the village's households, one household with its balance and
 * passbook, the printable household card (户卡) and passbook (存折), registration and the kiosk PIN.
 */
@Produces(MediaType.TEXT_HTML)
@Controller("/households")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"COUNTY_OFFICE", "TOWNSHIP_OFFICER", "VILLAGE_ADMIN", "GRID_WORKER", "COMMITTEE_MEMBER"})
class HouseholdPages {
    static final int PAGE_SIZE = 30;
    private final Households households;
    private final Passbooks passbooks;
    private final Regions regions;

    private final Clock clock;

    HouseholdPages(Households households, Passbooks passbooks, Regions regions, Clock clock) {
        this.clock = clock;
        this.households = households;
        this.passbooks = passbooks;
        this.regions = regions;
    }

    @Get
    @View("households/list")
    Map<String, Object> list(Authentication auth, @QueryValue(defaultValue = "") String q,
                             @QueryValue(defaultValue = "0") int page, @Nullable @QueryValue Integer imported,
                             @Nullable @QueryValue Integer before) {
        Actor actor = ActorClaims.of(auth);
        Page<Household> found = households.search(actor, q, Math.max(0, page), PAGE_SIZE);
        Map<String, Object> model = new HashMap<>();
        model.put("q", q);
        model.put("imported", imported);
        model.put("importedBefore", before);
        model.put("page", found);
        model.put("balances", balances(found.getContent()));
        model.put("grids", gridNames(actor));
        model.put("canRegister", actor.role().name().equals("VILLAGE_ADMIN"));
        model.put("canSeeClosed", ClosedHouseholdsPage.ROLES.contains(actor.role().name()));
        // whole card numbers (with a 4-digit PIN, what the kiosk asks for) only on the register's keeper's list
        model.put("cards", found.getContent().stream().collect(Collectors.toMap(Household::id,
                h -> actor.role().name().equals("VILLAGE_ADMIN") ? h.cardNumber()
                        : CardMask.mask(h.cardNumber()))));
        return model;
    }

    @Get("/{id}")
    @View("households/detail")
    Map<String, Object> detail(Authentication auth, String id, @QueryValue(defaultValue = "0") int page,
                               @Nullable @QueryValue String pin) {
        Actor actor = ActorClaims.of(auth);
        Household household = households.visible(actor, new HouseholdId(id));
        Map<String, Object> model = householdModel(household);
        model.put("passbook", passbooks.passbook(household.householdId(), Math.max(0, page), PAGE_SIZE));
        model.put("canManage", actor.role().name().equals("VILLAGE_ADMIN"));
        model.put("cardShown", CardMask.shownTo(actor, household.cardNumber()));
        // back from setting the PIN (see setPin below): say it was saved
        model.put("pinSaved", "saved".equals(pin));
        return model;
    }

    /** The card is a credential (its number and a PIN pay at the kiosk): only the village administrator, who issues it, prints it. */
    @Get("/{id}/card")
    @View("print/card")
    @Secured({"VILLAGE_ADMIN"})
    Map<String, Object> card(Authentication auth, String id) {
        Household household = households.visible(ActorClaims.of(auth), new HouseholdId(id));
        if (household.status() == HouseholdStatus.MERGED) {
            // its account is closed: a card printed for it would open nothing at the kiosk
            throw new BadInput("household.merged.closed", household.cardNumber());
        }
        Map<String, Object> model = householdModel(household);
        model.put("qr", QrSvg.card(household.cardNumber()));
        return model;
    }

    /** The movements a printed passbook holds, the latest. */
    static final int PRINTED_LINES = 500;

    @Get("/{id}/passbook")
    @View("print/passbook")
    Map<String, Object> passbook(Authentication auth, String id) {
        Actor actor = ActorClaims.of(auth);
        Household household = households.visible(actor, new HouseholdId(id));
        Map<String, Object> model = householdModel(household);
        model.put("cardShown", CardMask.shownTo(actor, household.cardNumber()));
        // a printed passbook holds the latest 500 movements, read from its first line down as a paper one (oldest
        // first, each balance following the line above), with what came before brought forward; the screen pages
        // through all of them, newest first
        Page<PassbookLine> latest = passbooks.passbook(household.householdId(), 0, PRINTED_LINES);
        List<PassbookLine> lines = new ArrayList<>(latest.getContent());
        Collections.reverse(lines);
        model.put("lines", lines);
        long earlier = latest.getTotalSize() - lines.size();
        if (earlier > 0) {
            model.put("earlier", earlier);
            model.put("broughtForward", lines.get(0).balanceAfter() - lines.get(0).points());
        }
        model.put("printedAt", LocalDate.now(clock));
        return model;
    }

    @Get("/new")
    @View("households/new")
    @Secured({"VILLAGE_ADMIN"})
    Map<String, Object> newForm(Authentication auth) {
        return Map.of("grids", regions.within(ActorClaims.of(auth), RegionLevel.GRID),
                "token", UUID.randomUUID().toString());
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({"VILLAGE_ADMIN"})
    HttpResponse<?> register(Authentication auth, @Body Map<String, String> form) {
        // the form's token: sent twice (a double click, a retry), the household is registered once
        NewHousehold household = new NewHousehold(blankToNull(form.get("cardNumber")), form.get("headName"),
                form.get("members"), form.get("address"), blankToNull(form.get("phone")), form.get("gridCode"),
                blankToNull(form.get("token")));
        Household saved = households.register(ActorClaims.of(auth), household);
        return HttpResponse.seeOther(URI.create("/households/" + saved.id()));
    }

    @Post(value = "/{id}/pin", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({"VILLAGE_ADMIN"})
    HttpResponse<?> setPin(Authentication auth, String id, @Body Map<String, String> form) {
        households.setPin(ActorClaims.of(auth), new HouseholdId(id), form.get("pin"));
        return HttpResponse.seeOther(URI.create("/households/" + id + "?pin=saved"));
    }

    private Map<String, Object> householdModel(Household household) {
        Map<String, Object> model = new HashMap<>();
        model.put("household", household);
        model.put("balance", passbooks.balance(household.householdId()).map(AccountBalance::balance).orElse(0L));
        Region grid = regions.get(household.gridId());
        model.put("grid", grid);
        model.put("lineage", regions.lineage(grid));
        return model;
    }

    private Map<String, Long> balances(List<Household> page) {
        return passbooks.balances(page.stream().map(Household::householdId).toList());
    }

    private Map<String, String> gridNames(Actor actor) {
        Map<String, String> names = new HashMap<>();
        for (Region grid : regions.within(actor, RegionLevel.GRID)) {
            names.put(grid.path(), grid.name());
        }
        return names;
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

}
