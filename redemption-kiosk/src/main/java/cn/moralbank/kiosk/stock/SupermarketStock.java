package cn.moralbank.kiosk.stock;

import cn.moralbank.kiosk.api.*;
import cn.moralbank.points.common.PlainText;
import cn.moralbank.points.ledger.api.HouseholdId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.jmolecules.architecture.onion.simplified.DomainRing;
import org.jmolecules.ddd.annotation.AggregateRoot;
import org.jmolecules.ddd.annotation.Identity;

import java.time.YearMonth;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The stock book of one love supermarket: what is on the shelf per product, what checkouts have set aside, and what
 * each household bought this month. Invariants: stock never goes below zero, nor below what is set aside; a basket
 * is reserved whole or not at all; a household never passes a product's monthly limit; a checkout's goods are
 * sold once and returned at most once; donations and adjustments count once per form. One aggregate per
 * supermarket rather than per product, so a basket of several products is reserved in one event: a village shop
 * has one or two kiosks, so the contention this brings is small.
 */
@AggregateRoot
@DomainRing
class SupermarketStock {
    static final int MAX_LINES = 30;
    static final long MAX_QUANTITY = Quantity.MAX_RESERVED;
    static final long MAX_DONATED = Quantity.MAX_GOODS;

    @AggregateIdentifier
    @Identity
    private SupermarketId supermarketId;
    private Map<Long, Long> onHand = new HashMap<>();
    private Map<Long, Long> reserved = new HashMap<>();
    private Map<String, Basket> baskets = new HashMap<>();
    /** "household|month|product" to quantity, this month and last only. */
    private Map<String, Long> bought = new HashMap<>();
    private YearMonth latestMonth;
    private Map<String, Integer> donations = new HashMap<>();
    private Set<String> adjustments = new HashSet<>();

    SupermarketStock() {
        // for Axon
    }

    @CommandHandler
    SupermarketStock(OpenStockCommand c) {
        apply(new StockOpened(c.supermarketId(), c.name(), c.regionPath()));
    }

    @CommandHandler
    void handle(RecordDonationCommand c) {
        int fingerprint = fingerprint(c);
        Integer earlier = donations.get(c.donationId().value());
        if (earlier != null) {
            if (earlier != fingerprint) {
                throw new KioskRefusal("stock.donation.reused", c.donationId().value());
            }
            return;
        }
        if (c.donor() == null || c.donor().isBlank() || c.donor().strip().length() > 100) {
            throw new KioskRefusal("stock.donation.donor-missing");
        }
        if (!PlainText.name(c.donor().strip())) {
            // shown on the public donations page and the monthly report: one line of plain text, as every name
            throw new KioskRefusal("stock.donation.donor-invalid");
        }
        if (c.lines() == null || c.lines().isEmpty() || c.lines().size() > MAX_LINES) {
            throw new KioskRefusal("stock.donation.lines", MAX_LINES);
        }
        Set<Long> products = new HashSet<>();
        for (DonationLine line : c.lines()) {
            Quantity.ofGoods(line.quantity(), MAX_DONATED, line.productName());
            if (line.declaredValueFen() < 0) {
                throw new KioskRefusal("stock.donation.value-negative", line.productName());
            }
            if (!products.add(line.productId().value())) {
                throw new KioskRefusal("stock.product.twice", line.productName());
            }
        }
        apply(new DonationReceived(supermarketId, c.donationId(), c.donor().strip(), c.donorKind(),
                List.copyOf(c.lines()), c.receivedOn(), c.note() == null ? "" : c.note().strip()));
    }

    @CommandHandler
    void handle(AdjustStockCommand c) {
        if (adjustments.contains(c.adjustmentId())) {
            return;
        }
        if (c.reason() == null || c.reason().isBlank()) {
            throw new KioskRefusal("stock.adjust.reason-missing");
        }
        long have = onHand(c.productId());
        long setAside = reserved(c.productId());
        long change;
        switch (c.kind()) {
            case DAMAGED, EXPIRED -> {
                Quantity.ofGoods(c.quantity(), MAX_DONATED, c.productName());
                if (c.quantity() > have - setAside) {
                    throw new KioskRefusal("stock.adjust.more-than-available", c.productName(), have - setAside);
                }
                change = -c.quantity();
            }
            case COUNTED -> {
                Quantity.counted(c.quantity(), c.productName());
                if (c.quantity() < setAside) {
                    throw new KioskRefusal("stock.adjust.below-reserved", c.productName(), setAside);
                }
                change = c.quantity() - have;
            }
            default -> throw new IllegalStateException(c.kind().name());
        }
        apply(new StockAdjusted(supermarketId, c.adjustmentId(), c.productId(), c.productName(), c.kind(), change,
                have + change, c.reason().strip()));
    }

    @CommandHandler
    void handle(ReserveStockCommand c) {
        Basket earlier = baskets.get(c.checkoutId().value());
        if (earlier != null) {
            if (!earlier.lines().equals(c.lines()) || !earlier.householdId().equals(c.householdId())) {
                throw new KioskRefusal("checkout.request.reused", c.checkoutId().value());
            }
            if (earlier.state() == BasketState.RELEASED || earlier.state() == BasketState.RETURNED) {
                throw new KioskRefusal("checkout.already-cancelled", c.checkoutId().value());
            }
            return;
        }
        if (c.lines() == null || c.lines().isEmpty()) {
            throw new KioskRefusal("checkout.basket.empty");
        }
        if (c.lines().size() > MAX_LINES) {
            throw new KioskRefusal("checkout.basket.too-long", MAX_LINES);
        }
        Set<Long> products = new HashSet<>();
        for (SaleLine line : c.lines()) {
            Quantity.ofGoods(line.quantity(), MAX_QUANTITY, line.productName());
            if (!products.add(line.productId().value())) {
                throw new KioskRefusal("stock.product.twice", line.productName());
            }
            long available = onHand(line.productId()) - reserved(line.productId());
            if (line.quantity() > available) {
                throw new KioskRefusal("stock.short", line.productName(), available, line.quantity());
            }
            if (line.monthlyLimit() > 0) {
                long already = bought.getOrDefault(key(c.householdId(), c.month(), line.productId()), 0L);
                if (already + line.quantity() > line.monthlyLimit()) {
                    throw new KioskRefusal("stock.limit", line.productName(), line.monthlyLimit(), already);
                }
            }
        }
        apply(new StockReserved(supermarketId, c.checkoutId(), c.householdId(), c.month(), List.copyOf(c.lines())));
    }

    @CommandHandler
    void handle(ReleaseStockCommand c) {
        Basket basket = baskets.get(c.checkoutId().value());
        if (basket == null || basket.state() == BasketState.RELEASED) {
            return;
        }
        if (basket.state() != BasketState.RESERVED) {
            throw new KioskRefusal("stock.release.sold", c.checkoutId().value());
        }
        apply(new StockReleased(supermarketId, c.checkoutId(), basket.lines(), c.reason()));
    }

    @CommandHandler
    void handle(ConfirmSaleCommand c) {
        Basket basket = baskets.get(c.checkoutId().value());
        if (basket != null && basket.state() == BasketState.SOLD) {
            return;
        }
        if (basket == null || basket.state() != BasketState.RESERVED) {
            throw new KioskRefusal("stock.sale.not-reserved", c.checkoutId().value());
        }
        apply(new StockSold(supermarketId, c.checkoutId(), basket.householdId(), basket.lines(), c.soldAt()));
    }

    @CommandHandler
    void handle(ReturnStockCommand c) {
        Basket basket = baskets.get(c.checkoutId().value());
        if (basket != null && basket.state() == BasketState.RETURNED) {
            return;
        }
        if (basket == null || basket.state() != BasketState.SOLD) {
            throw new KioskRefusal("stock.return.not-sold", c.checkoutId().value());
        }
        if (c.products() != null) {
            for (ProductId product : c.products()) {
                if (basket.lines().stream().noneMatch(l -> l.productId().equals(product))) {
                    throw new KioskRefusal("stock.return.not-in-basket", c.checkoutId().value(), product.value());
                }
            }
        }
        // a line already back on the shelf is not returned again: a repeated command returns nothing twice
        List<SaleLine> back = basket.lines().stream()
                .filter(l -> c.products() == null || c.products().contains(l.productId()))
                .filter(l -> !basket.returnedProducts().contains(l.productId().value()))
                .toList();
        if (back.isEmpty()) {
            return;
        }
        apply(new StockReturned(supermarketId, c.checkoutId(), basket.householdId(), basket.month(), back,
                c.reason(), c.returnedAt()));
    }

    private long onHand(ProductId product) {
        return onHand.getOrDefault(product.value(), 0L);
    }

    private long reserved(ProductId product) {
        return reserved.getOrDefault(product.value(), 0L);
    }

    private static String key(HouseholdId household, YearMonth month, ProductId product) {
        return household.value() + "|" + month + "|" + product.value();
    }

    /** The content of a donation form, to tell a double submit from an id reused for other goods. */
    private static int fingerprint(RecordDonationCommand c) {
        return (c.donor() + "|" + (c.donorKind() == null ? "" : c.donorKind().name()) + "|" + c.receivedOn() + "|"
                + c.lines()).hashCode();
    }

    @EventSourcingHandler
    void on(StockOpened e) {
        supermarketId = e.supermarketId();
    }

    @EventSourcingHandler
    void on(DonationReceived e) {
        donations.put(e.donationId().value(), (e.donor() + "|" + e.donorKind().name() + "|" + e.receivedOn() + "|"
                + e.lines()).hashCode());
        for (DonationLine line : e.lines()) {
            onHand.merge(line.productId().value(), line.quantity(), Long::sum);
        }
    }

    @EventSourcingHandler
    void on(StockAdjusted e) {
        adjustments.add(e.adjustmentId());
        onHand.put(e.productId().value(), e.onHandAfter());
    }

    @EventSourcingHandler
    void on(StockReserved e) {
        forgetMonthsBefore(e.month());
        baskets.put(e.checkoutId().value(), new Basket(e.householdId(), e.month(), e.lines(), BasketState.RESERVED,
                Set.of()));
        for (SaleLine line : e.lines()) {
            reserved.merge(line.productId().value(), line.quantity(), Long::sum);
            bought.merge(key(e.householdId(), e.month(), line.productId()), line.quantity(), Long::sum);
        }
    }

    @EventSourcingHandler
    void on(StockReleased e) {
        Basket basket = baskets.get(e.checkoutId().value());
        baskets.put(e.checkoutId().value(), basket.in(BasketState.RELEASED));
        for (SaleLine line : basket.lines()) {
            reserved.merge(line.productId().value(), -line.quantity(), Long::sum);
            bought.computeIfPresent(key(basket.householdId(), basket.month(), line.productId()),
                    (k, v) -> v - line.quantity());
        }
    }

    @EventSourcingHandler
    void on(StockSold e) {
        Basket basket = baskets.get(e.checkoutId().value());
        baskets.put(e.checkoutId().value(), basket.in(BasketState.SOLD));
        for (SaleLine line : basket.lines()) {
            reserved.merge(line.productId().value(), -line.quantity(), Long::sum);
            onHand.merge(line.productId().value(), -line.quantity(), Long::sum);
        }
    }

    @EventSourcingHandler
    void on(StockReturned e) {
        Basket basket = baskets.get(e.checkoutId().value());
        // the event names the lines that came back: all of them, or some (then the basket stays sold for the rest)
        Set<Long> returned = new HashSet<>(basket.returnedProducts());
        e.lines().forEach(l -> returned.add(l.productId().value()));
        boolean all = basket.lines().stream().allMatch(l -> returned.contains(l.productId().value()));
        baskets.put(e.checkoutId().value(), new Basket(basket.householdId(), basket.month(), basket.lines(),
                all ? BasketState.RETURNED : BasketState.SOLD, Set.copyOf(returned)));
        for (SaleLine line : e.lines()) {
            onHand.merge(line.productId().value(), line.quantity(), Long::sum);
            bought.computeIfPresent(key(basket.householdId(), basket.month(), line.productId()),
                    (k, v) -> v - line.quantity());
        }
    }

    /**
     * Keeps the aggregate small for years of checkouts: when a new month begins, what households bought before last
     * month no longer counts towards a limit, and baskets that ended (released, returned) or were sold before last
     * month are past any refund window, so retries of them are answered by the checkout table instead.
     */
    private void forgetMonthsBefore(YearMonth month) {
        if (latestMonth != null && !month.isAfter(latestMonth)) {
            return;
        }
        latestMonth = month;
        YearMonth keepFrom = month.minusMonths(1);
        bought.keySet().removeIf(k -> YearMonth.parse(k.split("\\|")[1]).isBefore(keepFrom));
        baskets.values().removeIf(b -> b.state() != BasketState.RESERVED && b.month().isBefore(keepFrom));
    }

    enum BasketState { RESERVED, RELEASED, SOLD, RETURNED }

    /** {@code returned}: the products of lines already back on the shelf (null in snapshots written before). */
    record Basket(HouseholdId householdId, YearMonth month, List<SaleLine> lines, BasketState state,
                  Set<Long> returned) {
        Basket in(BasketState next) {
            return new Basket(householdId, month, lines, next, returned);
        }

        Set<Long> returnedProducts() {
            return returned == null ? Set.of() : returned;
        }
    }
}
