package cn.moralbank.web.households;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.QrSvg;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.household.HouseholdStatus;
import cn.moralbank.points.household.Households;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.Regions;
import io.micronaut.core.annotation.Nullable;
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
import io.micronaut.views.ModelAndView;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * 批量打印户卡 for go-live: every active household card of a village or grid (the actor's scope by default), in the
 * order of the register (card number), on A4 sheets of 10 — the same card as a single print (print/card).
 */
@Produces(MediaType.TEXT_HTML)
@Controller("/households/print")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"VILLAGE_ADMIN"}) // cards are credentials: printed by the village administrator who issues them (docs/print.md)
class CardSheets {
    static final int PER_SHEET = 10;
    /** A village has a few hundred households; a whole county at once is a mistake (and a very long page). */
    static final int MAX_CARDS = 2000;

    private final Households households;
    private final Regions regions;

    CardSheets(Households households, Regions regions) {
        this.households = households;
        this.regions = regions;
    }

    @Get("/cards")
    ModelAndView<Map<String, Object>> cards(Authentication auth, @Nullable @QueryValue Long region) {
        Actor actor = ActorClaims.of(auth);
        String path = region == null ? actor.regionPath() : regions.visible(actor, region).path();
        List<Household> chosen = households.allVisible(actor).stream()
                .filter(h -> h.status() == HouseholdStatus.ACTIVE && h.regionPath().startsWith(path))
                .sorted(Comparator.comparing(Household::cardNumber)).toList();
        if (chosen.size() > MAX_CARDS) {
            throw new BadInput("print.cards.too-many", chosen.size(), MAX_CARDS);
        }
        Map<Long, List<Region>> lineages = new HashMap<>();
        List<List<Map<String, Object>>> sheets = new ArrayList<>();
        for (Household h : chosen) {
            if (sheets.isEmpty() || sheets.get(sheets.size() - 1).size() == PER_SHEET) {
                sheets.add(new ArrayList<>());
            }
            List<Region> lineage = lineages.computeIfAbsent(h.gridId(), id -> regions.lineage(regions.get(id)));
            sheets.get(sheets.size() - 1).add(Map.of("household", h, "lineage", lineage, "qr", QrSvg.card(h.cardNumber())));
        }
        return new ModelAndView<>("print/cards", Map.of("sheets", sheets, "count", chosen.size()));
    }

    /**
     * 首次户卡密码: gives every active household of the administrator's village that has no PIN yet a random one,
     * and prints them once, each in a sealed-envelope slip (card number outside, PIN inside the fold). A household
     * that already has a PIN keeps it and is not printed: posting again issues nothing twice. One transaction: a
     * failure half way sets none, so no PIN is ever set without being printed.
     */
    @Post(value = "/pins", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({"VILLAGE_ADMIN"})
    @Transactional
    ModelAndView<Map<String, Object>> firstPins(Authentication auth) {
        Actor actor = ActorClaims.of(auth);
        List<Household> chosen = households.allVisible(actor).stream()
                .filter(h -> h.status() == HouseholdStatus.ACTIVE && h.pinHash() == null)
                .sorted(Comparator.comparing(Household::cardNumber)).toList();
        if (chosen.size() > MAX_CARDS) {
            throw new BadInput("print.cards.too-many", chosen.size(), MAX_CARDS);
        }
        List<Map<String, Object>> slips = new ArrayList<>();
        for (Household h : chosen) {
            String pin = String.format("%04d", RANDOM.nextInt(10_000));
            // set only where no PIN is yet: of two prints at once each household's PIN is set, and printed, once
            if (households.setFirstPin(actor, h.householdId(), pin)) {
                slips.add(Map.of("card", h.cardNumber(), "head", h.headName(), "pin", pin));
            }
        }
        return new ModelAndView<>("print/pins", Map.of("slips", slips, "count", slips.size()));
    }

    private static final SecureRandom RANDOM = new SecureRandom();
}
