package cn.moralbank.web.county;

import cn.moralbank.kiosk.api.*;
import cn.moralbank.kiosk.checkout.CheckoutPolicy;
import cn.moralbank.kiosk.checkout.CheckoutRequest;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.ledger.api.EntryId;
import cn.moralbank.points.ledger.api.EntryKind;
import cn.moralbank.points.ledger.api.EntryReversed;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.ledger.api.PointsCredited;
import cn.moralbank.points.ledger.api.PointsDebited;
import cn.moralbank.points.voucher.api.VoucherRedeemed;
import cn.moralbank.points.voucher.api.VoucherSerial;
import cn.moralbank.web.county.Village.Home;
import cn.moralbank.web.county.Village.Product;
import cn.moralbank.web.county.Village.Shop;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.stream.Collectors;

import static cn.moralbank.web.county.History.ACCOUNT;
import static cn.moralbank.web.county.History.STOCK;
import static cn.moralbank.web.county.History.VOUCHER;

/**
 * The love supermarket's side: donations that keep every shelf stocked, and kiosk checkouts as the kiosk's
 * CheckoutProcess runs them (stock reserved, the voucher spent, the card debited, change credited, stock sold), with
 * the checkout's own rows so a refund or a retry finds it; now and then a refund by the operator (stock returned,
 * debit reversed, voucher points credited).
 */
final class ShopFlow {
    static final String CHECKOUT_ROW = "INSERT INTO checkout (checkout_id, supermarket_id, device, basket_hash, "
            + "household_id, household_name, card_number, status, total_points, card_points, voucher_points, "
            + "change_points, payer_household_id, balance_after, created_at, finished_at, refunded_at, refunded_by, "
            + "refund_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String LINE_ROW = "INSERT INTO checkout_line (checkout_id, line_no, product_id, product_name, unit, "
            + "quantity, unit_points, monthly_limit) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    static final String VOUCHER_ROW = "INSERT INTO checkout_voucher (checkout_id, line_no, serial, points, "
            + "household_id) VALUES (?, ?, ?, ?, ?)";
    private static final Object[][] DONORS = {{"县供销合作社", DonorKind.ENTERPRISE}, {"县文明办帮扶工作队", DonorKind.AID_UNIT},
            {"村集体", DonorKind.VILLAGE}, {"县慈善总会", DonorKind.CHARITY}, {"乡镇财政补贴", DonorKind.FISCAL},
            {"爱心人士", DonorKind.INDIVIDUAL}, {"县农商银行", DonorKind.ENTERPRISE}};
    private static final String[] REFUND_REASONS = {"商品有破损", "买错了，原包装退回", "临期商品", "家人重复兑换"};

    private final History h;
    private final Map<String, Long> bought = new HashMap<>();
    private YearMonth boughtMonth;

    ShopFlow(History h) {
        this.h = h;
    }

    /** Restocks every product below {@code low} up to {@code full}, as one donation from a donor of the county. */
    void donate(Village v, Instant at, long low, long full) {
        Shop shop = v.shop;
        List<DonationLine> lines = new ArrayList<>();
        for (Product p : shop.products) {
            if (p.onHand < low) {
                long quantity = full - p.onHand;
                lines.add(new DonationLine(new ProductId(p.id), p.name, quantity, quantity * p.price * 40));
                p.onHand = full;
            }
        }
        if (lines.isEmpty()) {
            return;
        }
        Object[] donor = DONORS[h.random.nextInt(DONORS.length)];
        h.sink.command(v.operator, at);
        h.sink.event(STOCK, shop.aggregateId(), shop.seq++, new DonationReceived(new SupermarketId(shop.id),
                new DonationId(h.ids.uuid()), (String) donor[0], (DonorKind) donor[1], lines,
                at.atZone(h.zone).toLocalDate(), ""));
        h.sink.endOfFlow();
    }

    /**
     * A checkout at the kiosk; {@code cheap} buys one low-priced item (the deep household's many small visits).
     * Skipped when the household cannot pay: the real kiosk would refuse it before anything is recorded.
     */
    void checkout(Village v, Home home, Instant at, boolean cheap, PriorityQueue<History.Action> queue) {
        YearMonth month = h.month(at);
        if (!month.equals(boughtMonth)) {
            bought.clear();
            boughtMonth = month;
        }
        long[] voucher = !home.vouchers.isEmpty() && (home.deep || h.random.nextInt(10) < 7) ? home.vouchers.get(0) : null;
        List<SaleLine> lines = basket(v.shop, home, cheap);
        long total = lines.stream().mapToLong(SaleLine::points).sum();
        if (lines.isEmpty()) {
            return;
        }
        long voucherPoints = voucher == null ? 0 : voucher[1];
        long cardPoints = Math.max(0, total - voucherPoints);
        long change = Math.max(0, voucherPoints - total);
        if (cardPoints > home.spendable()) {
            return;
        }
        for (SaleLine line : lines) {
            bought.merge(home.id + "|" + line.productId().value(), line.quantity(), Long::sum);
            v.shop.products.stream().filter(p -> p.id == line.productId().value()).findFirst().orElseThrow().onHand
                    -= line.quantity();
        }
        Shop shop = v.shop;
        String id = h.ids.uuid();
        CheckoutId checkout = new CheckoutId(id);
        String ref = EntryId.CHECKOUT + id;
        HouseholdId household = new HouseholdId(home.id);
        SupermarketId shopId = new SupermarketId(shop.id);
        h.sink.command(v.kiosk, at);
        h.sink.event(STOCK, shop.aggregateId(), shop.seq++, new StockReserved(shopId, checkout, household, month, lines));
        String serial = null;
        if (voucher != null) {
            home.vouchers.remove(0);
            serial = VoucherSerial.of(voucher[0]).value();
            h.sink.command(v.kiosk, at);
            h.sink.event(VOUCHER, serial, voucher[2], new VoucherRedeemed(new VoucherSerial(serial), household,
                    voucherPoints, ref, shopId.toString(), at));
        }
        Long balanceAfter = null;
        if (cardPoints > 0) {
            home.balance -= cardPoints;
            home.entries++;
            h.sink.command(v.kiosk, at);
            h.sink.event(ACCOUNT, home.id, home.seq++, new PointsDebited(household, new EntryId(ref), cardPoints, ref,
                    reason(shop, lines), home.balance));
            balanceAfter = home.balance;
        }
        if (change > 0) {
            home.balance += change;
            home.entries++;
            h.sink.command(v.kiosk, at);
            h.sink.event(ACCOUNT, home.id, home.seq++, new PointsCredited(household, new EntryId(ref + ":change"),
                    change, ref, "积分券找零 " + shop.name, home.balance));
            if (cardPoints > 0) {
                balanceAfter = home.balance;
            }
        }
        h.sink.command(v.kiosk, at);
        h.sink.event(STOCK, shop.aggregateId(), shop.seq++, new StockSold(shopId, checkout, household, lines, at));
        boolean card = cardPoints > 0;
        Instant refundAt = h.random.nextInt(100) < 3 ? at.plus(Duration.ofDays(1 + h.random.nextInt(3))) : null;
        String why = refundAt == null ? null : REFUND_REASONS[h.random.nextInt(REFUND_REASONS.length)];
        h.sink.row(CHECKOUT_ROW, id, shop.id, v.kiosk.userId(), hash(shop, card ? home.card : null, lines, serial),
                card ? home.id : null, card ? home.head : null, card ? home.card : null,
                refundAt == null ? "COMPLETED" : "REFUNDED", total, cardPoints, voucherPoints - change, change,
                home.id, balanceAfter, time(at), time(at.plusMillis(300)), time(refundAt),
                refundAt == null ? null : v.operator.userId(), why);
        for (int n = 0; n < lines.size(); n++) {
            SaleLine line = lines.get(n);
            Product p = shop.products.stream().filter(x -> x.id == line.productId().value()).findFirst().orElseThrow();
            h.sink.row(LINE_ROW, id, n, p.id, p.name, p.unit, line.quantity(), line.unitPoints(), line.monthlyLimit());
        }
        if (serial != null) {
            h.sink.row(VOUCHER_ROW, id, 0, serial, voucherPoints, home.id);
        }
        if (refundAt != null) {
            long paidByVouchers = voucherPoints - change;
            h.later(queue, refundAt, () -> refund(v, home, checkout, month, lines, cardPoints, paidByVouchers, why));
        }
        h.sink.endOfFlow();
    }

    private void refund(Village v, Home home, CheckoutId checkout, YearMonth month, List<SaleLine> lines,
                        long cardPoints, long voucherPoints, String why) {
        Instant at = h.sink.at();
        Shop shop = v.shop;
        HouseholdId household = new HouseholdId(home.id);
        String ref = EntryId.REFUND + checkout.value();
        h.sink.command(v.operator, at);
        h.sink.event(STOCK, shop.aggregateId(), shop.seq++, new StockReturned(new SupermarketId(shop.id), checkout,
                household, month, lines, why, at));
        for (SaleLine line : lines) {
            shop.products.stream().filter(p -> p.id == line.productId().value()).findFirst().orElseThrow().onHand
                    += line.quantity();
        }
        if (cardPoints > 0) {
            home.balance += cardPoints;
            home.entries++;
            h.sink.command(v.operator, at);
            h.sink.event(ACCOUNT, home.id, home.seq++, new EntryReversed(household, new EntryId(ref),
                    new EntryId(EntryId.CHECKOUT + checkout.value()), EntryKind.DEBIT, cardPoints, "退货：" + why,
                    home.balance));
        }
        if (voucherPoints > 0) {
            home.balance += voucherPoints;
            home.entries++;
            h.sink.command(v.operator, at);
            h.sink.event(ACCOUNT, home.id, home.seq++, new PointsCredited(household, new EntryId(ref + ":vouchers"),
                    voucherPoints, ref, "退货退回积分券的积分：" + why, home.balance));
        }
        h.sink.endOfFlow();
    }

    /** One to three products in stock, within their monthly limits; one cheap item for the deep household. */
    private List<SaleLine> basket(Shop shop, Home home, boolean cheap) {
        List<Product> candidates = new ArrayList<>(shop.products);
        if (cheap) {
            candidates.sort(Comparator.comparingLong(p -> p.price));
            candidates = new ArrayList<>(candidates.subList(0, 3));
        }
        Collections.shuffle(candidates, h.random);
        int wanted = cheap ? 1 : 1 + h.random.nextInt(3);
        List<SaleLine> lines = new ArrayList<>();
        long budget = Math.max(0, home.spendable()) + (home.vouchers.isEmpty() ? 0 : home.vouchers.get(0)[1]);
        long total = 0;
        for (Product p : candidates) {
            if (lines.size() == wanted) {
                break;
            }
            long quantity = cheap ? 1 : 1 + h.random.nextInt(2);
            long already = bought.getOrDefault(home.id + "|" + p.id, 0L);
            if (p.monthlyLimit > 0 && already + quantity > p.monthlyLimit) {
                continue;
            }
            if (quantity > p.onHand || total + quantity * p.price > budget) {
                continue;
            }
            total += quantity * p.price;
            lines.add(new SaleLine(new ProductId(p.id), p.name, quantity, p.price, p.monthlyLimit));
        }
        lines.sort(Comparator.comparingLong(l -> l.productId().value()));
        return lines;
    }

    private static String reason(Shop shop, List<SaleLine> lines) {
        String goods = lines.stream().map(l -> l.productName() + "×" + l.quantity()).collect(Collectors.joining("、"));
        String text = shop.name + " 兑换：" + goods;
        return text.length() > 480 ? text.substring(0, 480) : text;
    }

    /**
     * The basket's fingerprint as a kiosk would have sent it (CheckoutPolicy.fingerprint, the one rule), so a retry of
     * a generated checkout is recognised.
     */
    static String hash(Shop shop, String card, List<SaleLine> lines, String serial) {
        List<CheckoutRequest.Line> basket = lines.stream()
                .map(l -> new CheckoutRequest.Line(l.productId().value(), l.quantity(), l.unitPoints())).toList();
        return CheckoutPolicy.fingerprint(shop.id, card, basket,
                serial == null ? List.of() : List.of(new VoucherSerial(serial)));
    }

    static OffsetDateTime time(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }
}
