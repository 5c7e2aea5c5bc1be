package cn.moralbank.kiosk.pages;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.common.QrSvg;
import cn.moralbank.points.common.WholeNumber;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.household.Households;
import cn.moralbank.points.ledger.Passbooks;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.ledger.projection.AccountBalance;
import cn.moralbank.points.voucher.IssuedVouchers;
import cn.moralbank.points.voucher.PrintedVoucher;
import cn.moralbank.points.voucher.VoucherView;
import cn.moralbank.points.voucher.Vouchers;
import cn.moralbank.points.voucher.api.VoucherSerial;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.*;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.*;

/**
 * The village administrator's voucher pages: issue vouchers to a household (its account pays), the village's
 * vouchers with their status, void an unspent one, and the printable sheet of vouchers with their QR codes.
 */
@Produces(MediaType.TEXT_HTML)
@Controller("/vouchers")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"VILLAGE_ADMIN"})
class VoucherPages {
    private final Vouchers vouchers;
    private final Households households;
    private final Passbooks passbooks;
    private final PageMessages messages;
    private final Clock clock;

    VoucherPages(Vouchers vouchers, Households households, Passbooks passbooks, PageMessages messages, Clock clock) {
        this.vouchers = vouchers;
        this.households = households;
        this.passbooks = passbooks;
        this.messages = messages;
        this.clock = clock;
    }

    @Get
    ModelAndView<Map<String, Object>> list(Authentication auth, @QueryValue(defaultValue = "") String card,
                                           @QueryValue(defaultValue = "") String done, HttpRequest<?> request) {
        return new ModelAndView<>("shop/vouchers", model(auth, card, done, request));
    }

    private Map<String, Object> model(Authentication auth, String card, String done, HttpRequest<?> request) {
        Actor actor = ActorClaims.of(auth);
        Map<String, Object> model = new HashMap<>();
        model.put("vouchers", vouchers.newest(actor, 200));
        model.put("denominations", vouchers.denominations());
        model.put("batchId", UUID.randomUUID().toString());
        model.put("card", card);
        model.put("done", done);
        model.put("t", new Times(clock.getZone()));
        model.put("names", names(actor));
        if (!card.isBlank() && !card.strip().matches("[0-9A-Za-z-]+")) {
            // a head's name rather than a card number: one household is taken as it is, several are offered
            String name = card.strip();
            List<Household> named = households.allVisible(actor).stream()
                    .filter(h -> h.headName().contains(name)).limit(50).toList();
            if (named.size() == 1) {
                card = named.get(0).cardNumber();
            } else {
                model.put("matches", named);
                if (named.isEmpty()) {
                    model.put("error", messages.text(request, "vouchers.no-name", List.of(name)));
                }
                return model;
            }
        }
        if (!card.isBlank()) {
            try {
                Household household = households.byCard(actor, card.strip());
                model.put("household", household);
                model.put("balance", passbooks.balance(household.householdId()).map(AccountBalance::balance)
                        .orElse(0L));
            } catch (BadInput | NotFound e) {
                model.put("error", messages.of(request, e));
            }
        }
        return model;
    }

    /** The form has a count per face value; the vouchers are issued in order of value. */
    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> issue(HttpRequest<?> request, Authentication auth, @Body Map<String, String> form) {
        Actor actor = ActorClaims.of(auth);
        String card = form.getOrDefault("card", "");
        try {
            Household household = households.byCard(actor, card.strip());
            List<Long> values = new ArrayList<>();
            for (long value : vouchers.denominations()) {
                String count = form.get("count-" + value);
                int n = count == null || count.isBlank() ? 0 : parseCount(count);
                for (int i = 0; i < n; i++) {
                    values.add(value);
                }
            }
            IssuedVouchers issued = vouchers.issue(actor, household.householdId(), values, form.get("batchId"));
            return HttpResponse.seeOther(URI.create("/vouchers/sheet?batch="
                    + URLEncoder.encode(issued.batchId(), StandardCharsets.UTF_8)
                    + (issued.complete() ? "" : "&short=" + issued.shortOf())));
        } catch (BadInput | NotFound e) {
            Map<String, Object> model = model(auth, card, "", request);
            model.put("error", messages.of(request, e));
            model.put("form", form);
            return HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY).body(new ModelAndView<>("shop/vouchers", model));
        }
    }

    /** A sheet of vouchers to print and cut: eight to an A4 page, each with its QR code and typed code. */
    @Get("/sheet")
    ModelAndView<Map<String, Object>> sheet(Authentication auth, @QueryValue String batch,
                                            @Nullable @QueryValue("short") Long shortOf) {
        List<Map<String, Object>> cards = new ArrayList<>();
        for (PrintedVoucher v : vouchers.sheet(ActorClaims.of(auth), batch)) {
            cards.add(Map.of("v", v, "qr", QrSvg.voucher(v.code())));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("cards", cards);
        model.put("batch", batch);
        model.put("shortOf", shortOf);
        model.put("t", new Times(clock.getZone()));
        return new ModelAndView<>("shop/voucher-sheet", model);
    }

    @Post(value = "/{serial}/void", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> voidVoucher(HttpRequest<?> request, Authentication auth, String serial,
                                @Body Map<String, String> form) {
        try {
            vouchers.voidVoucher(ActorClaims.of(auth), new VoucherSerial(serial), form.get("reason"));
            return HttpResponse.seeOther(URI.create("/vouchers?done=voided"));
        } catch (BadInput | NotFound e) {
            Map<String, Object> model = model(auth, "", "", request);
            model.put("error", messages.of(request, e));
            return HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY).body(new ModelAndView<>("shop/vouchers", model));
        }
    }

    /** Head of household by household id, for the village's voucher list (one query for the whole village). */
    private Map<String, String> names(Actor actor) {
        Map<String, String> names = new HashMap<>();
        for (Household h : households.allVisible(actor)) {
            names.put(h.id(), h.headName() + "（" + h.cardNumber() + "）");
        }
        return names;
    }

    private static int parseCount(String text) {
        try {
            int n = WholeNumber.parseInt(text);
            if (n < 0 || n > 50) {
                throw new BadInput("shop.number.invalid", text);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadInput("shop.number.invalid", text);
        }
    }

}
