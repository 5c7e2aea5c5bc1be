package cn.moralbank.kiosk.sales;

import cn.moralbank.kiosk.api.SupermarketId;
import cn.moralbank.kiosk.checkout.Receipts;
import cn.moralbank.kiosk.stock.Stock;
import cn.moralbank.kiosk.supermarket.Supermarket;
import cn.moralbank.kiosk.supermarket.Tills;
import cn.moralbank.points.access.Actor;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The sales of a supermarket's day, from the sales read model and the checkout table; never from the event store. */
@Singleton
public class Sales {
    private final Tills tills;
    private final Receipts receipts;
    private final Stock stock;
    private final SaleLineRepository lines;
    private final Clock clock;

    Sales(Tills tills, Receipts receipts, Stock stock, SaleLineRepository lines, Clock clock) {
        this.tills = tills;
        this.receipts = receipts;
        this.stock = stock;
        this.lines = lines;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public DaySales day(Actor actor, SupermarketId id, LocalDate day) {
        Supermarket shop = tills.readable(actor, id);
        Instant from = day.atStartOfDay(clock.getZone()).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(clock.getZone()).toInstant();
        Map<Long, DaySales.ProductTotal> totals = new LinkedHashMap<>();
        for (SaleLineView line : lines.ofDay(id.value(), day)) {
            long returned = line.returnedAt() != null ? line.quantity() : 0;
            totals.merge(line.productId(), new DaySales.ProductTotal(line.productId(), line.productName(),
                            line.quantity(), line.points(), returned),
                    (a, b) -> new DaySales.ProductTotal(a.productId(), a.name(), a.quantity() + b.quantity(),
                            a.points() + b.points(), a.returned() + b.returned()));
        }
        List<DaySales.ProductTotal> products = totals.values().stream()
                .sorted((a, b) -> Long.compare(b.points(), a.points())).toList();
        return new DaySales(shop, day, receipts.between(id, from, to), products,
                receipts.refundedBetween(id, from, to), stock.donationsBetween(id, day, day),
                stock.adjustmentsOn(id, from, to));
    }
}
