package cn.moralbank.kiosk.pages;

import cn.moralbank.kiosk.supermarket.Supermarket;
import cn.moralbank.kiosk.supermarket.Supermarkets;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.ActorClaims;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.RegionLevel;
import cn.moralbank.points.region.Regions;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
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

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The love supermarkets (爱心超市) of an office's or a village's scope, and the form that opens one for a village, or
 * for a township whose villages share it, with its stock book: a county going live opens them here before its
 * operators and kiosks (people attached to a supermarket) can sign in.
 */
@Controller("/supermarkets")
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"COUNTY_OFFICE", "TOWNSHIP_OFFICER", "VILLAGE_ADMIN"})
class SupermarketPages {
    private static final String VIEW = "shop/supermarkets";

    private final Supermarkets supermarkets;
    private final Regions regions;
    private final PageMessages messages;

    SupermarketPages(Supermarkets supermarkets, Regions regions, PageMessages messages) {
        this.supermarkets = supermarkets;
        this.regions = regions;
        this.messages = messages;
    }

    @Get
    ModelAndView<Map<String, Object>> list(Authentication auth, @QueryValue(defaultValue = "") String opened) {
        Map<String, Object> model = model(ActorClaims.of(auth), Map.of());
        model.put("opened", opened);
        return new ModelAndView<>(VIEW, model);
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> open(HttpRequest<?> request, Authentication auth, @Body Map<String, String> form) {
        Actor actor = ActorClaims.of(auth);
        try {
            String code = form.getOrDefault("regionCode", "").strip();
            Supermarket opened = supermarkets.create(actor, form.get("name"), regions.byCode(code),
                    form.get("address"));
            return HttpResponse.seeOther(URI.create("/supermarkets?opened=" + opened.id()));
        } catch (BadInput | NotFound e) {
            Map<String, Object> model = model(actor, form);
            model.put("error", messages.of(request, e));
            return HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY).body(new ModelAndView<>(VIEW, model));
        }
    }

    private Map<String, Object> model(Actor actor, Map<String, String> form) {
        Map<String, Object> model = new HashMap<>();
        List<Supermarket> shops = new ArrayList<>(supermarkets.within(actor));
        shops.sort(Comparator.comparing(Supermarket::regionPath).thenComparing(Supermarket::name));
        Map<Long, String> places = new HashMap<>();
        for (Supermarket shop : shops) {
            places.computeIfAbsent(shop.regionId(), id -> regions.get(id).name());
        }
        // the places a supermarket may serve: villages, and townships whose villages share one
        List<Region> choices = new ArrayList<>(regions.within(actor, RegionLevel.TOWNSHIP));
        choices.addAll(regions.within(actor, RegionLevel.VILLAGE));
        choices.sort(Comparator.comparing(Region::path));
        model.put("shops", shops);
        model.put("places", places);
        model.put("choices", choices);
        model.put("form", form);
        return model;
    }
}
