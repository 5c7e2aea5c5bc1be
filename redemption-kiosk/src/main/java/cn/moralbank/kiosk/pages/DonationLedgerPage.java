package cn.moralbank.kiosk.pages;

import cn.moralbank.kiosk.api.SupermarketId;
import cn.moralbank.kiosk.stock.DonationLineView;
import cn.moralbank.kiosk.stock.Stock;
import cn.moralbank.kiosk.supermarket.Supermarket;
import cn.moralbank.kiosk.supermarket.Supermarkets;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The public donation ledger of a love supermarket (捐赠公示): who gave what and when, open to anyone without
 * signing in, because donors and villagers expect to see it; printable for the village notice board. It shows
 * what donors gave, never who redeemed what.
 */
@Produces(MediaType.TEXT_HTML)
@Controller("/donations")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_ANONYMOUS)
class DonationLedgerPage {
    private final Supermarkets supermarkets;
    private final Stock stock;
    private final Clock clock;

    DonationLedgerPage(Supermarkets supermarkets, Stock stock, Clock clock) {
        this.supermarkets = supermarkets;
        this.stock = stock;
        this.clock = clock;
    }

    @Get("/{id}")
    ModelAndView<Map<String, Object>> ledger(long id) {
        Supermarket shop = supermarkets.get(new SupermarketId(id));
        List<DonationLineView> lines = stock.donations(shop.supermarketId(), 500);
        Map<String, Object> model = new HashMap<>();
        model.put("shop", shop);
        model.put("region", supermarkets.region(shop));
        model.put("lines", lines);
        // a donation of four goods is one donation on four lines: the lead counts donations
        model.put("donations", lines.stream().map(DonationLineView::donationId).distinct().count());
        model.put("totalFen", lines.stream().mapToLong(DonationLineView::declaredValueFen).sum());
        model.put("t", new Times(clock.getZone()));
        model.put("printedAt", new Times(clock.getZone()).dateTime(clock.instant()));
        return new ModelAndView<>("shop/public-donations", model);
    }
}
