package cn.moralbank.web.kiosk;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.household.CountySetting;
import cn.moralbank.points.household.CountySettings;
import cn.moralbank.points.rating.RatingQueries;
import cn.moralbank.points.rating.RatingRounds;
import cn.moralbank.points.rating.ResultView;
import cn.moralbank.points.rating.api.RatingRoundId;
import cn.moralbank.points.rating.api.RoundKind;
import cn.moralbank.points.region.Regions;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The county's rule that a household under its star threshold may not redeem until it recovers, enforced at the
 * kiosk's checkout (it was only shown on self-service): refused with a clear message, nothing taken (points, stock,
 * checkout rows); with the threshold lifted on the settings, the same basket goes through.
 */
@MicronautTest(transactional = false)
class KioskStarThresholdTest extends KioskAppTest {
    static final String KIOSK = "hedong.kiosk1";

    @Inject RatingRounds rounds;
    @Inject RatingQueries queries;
    @Inject CountySettings settings;
    @Inject Regions regions;
    @Inject Clock clock;

    @Test
    void aHouseholdUnderTheCountysStarThresholdIsRefusedAtTheKioskAndNothingIsTaken() {
        Actor office = new Actor("wenmingban", Role.COUNTY_OFFICE, regions.byCode("130826").path(), null, null);
        RatingRoundId round = queries.latestPublished(office, RoundKind.HOUSEHOLDS)
                .map(r -> new RatingRoundId(r.roundId())).orElseGet(() -> {
                    RatingRoundId id = rounds.openHouseholds(office, String.valueOf(LocalDate.now(clock).getYear()));
                    rounds.publish(office, id);
                    return id;
                });
        String card = cardOf("河东村");
        String household = householdOfCard(card);
        int stars = queries.results(office, round).stream().filter(r -> r.subject().equals(household))
                .map(ResultView::stars).findFirst().orElseThrow();
        settings.change(office, CountySetting.BLOCK_BELOW_STARS, String.valueOf(stars + 1), null);
        settings.change(office, CountySetting.RECOVERY_POINTS, "100000", null);

        credit("hedong.admin", household, 100);
        long before = balance(household);
        long shop = supermarketOf("河东村");
        long soap = productOf(shop, "soap");
        long stock = available(shop, soap);
        long rows = checkoutRows();

        Refusal refused = refusal(as(KIOSK, HttpRequest.POST("/api/kiosk/checkouts", basket(card, soap))));
        assertEquals(422, refused.status(), refused.body());
        assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
        assertTrue(refused.body().contains("\"code\":\"checkout.stars.blocked\""), refused.body());
        assertTrue(refused.body().contains("暂时不能兑换"), "the villager reads why, in Chinese: " + refused.body());
        Refusal inEnglish = refusal(as(KIOSK, HttpRequest.POST("/api/kiosk/checkouts", basket(card, soap))
                .header("Accept-Language", "en")));
        assertTrue(inEnglish.body().contains("cannot redeem for now"), inEnglish.body());
        assertEquals(before, balance(household));
        assertEquals(stock, available(shop, soap));
        assertEquals(rows, checkoutRows());

        settings.change(office, CountySetting.BLOCK_BELOW_STARS, "0", null);
        HttpResponse<Map> sold = exchange(as(KIOSK, HttpRequest.POST("/api/kiosk/checkouts", basket(card, soap))),
                Map.class);
        assertEquals(201, sold.code(), "without the threshold the same basket goes through");
    }

    private Map<String, Object> basket(String card, long product) {
        Map<String, Object> body = new HashMap<>();
        body.put("requestId", requestId());
        body.put("cardNumber", card);
        body.put("pin", PIN);
        body.put("lines", List.of(Map.of("productId", product, "quantity", 1, "unitPoints", price(product))));
        body.put("vouchers", List.of());
        return body;
    }
}
