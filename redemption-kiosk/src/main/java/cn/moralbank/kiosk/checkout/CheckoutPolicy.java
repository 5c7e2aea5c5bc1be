package cn.moralbank.kiosk.checkout;

import cn.moralbank.kiosk.api.KioskRefusal;
import cn.moralbank.kiosk.api.Quantity;
import cn.moralbank.kiosk.api.SaleLine;
import cn.moralbank.kiosk.product.Product;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.common.PlainText;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.voucher.VoucherView;
import cn.moralbank.points.voucher.api.VoucherRefusal;
import cn.moralbank.points.voucher.api.VoucherSerial;
import cn.moralbank.points.voucher.api.VoucherStatus;
import org.jmolecules.architecture.onion.simplified.DomainRing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The checkout's rules, decided on values alone (no database, no commands): the basket's shape, what it costs,
 * what vouchers pay and what the card pays, the fingerprint that recognises a retry, and the month whose limits a
 * checkout counts against. The monthly limit itself is carried on each line ({@link CheckoutPlan.Line#monthlyLimit})
 * and decided by the stock book ({@code SupermarketStock}), the only one that knows what a household took this month.
 */
@DomainRing
public final class CheckoutPolicy {
    static final int MAX_LINES = 30;
    static final long MAX_QUANTITY = Quantity.MAX_IN_BASKET;
    static final int MAX_VOUCHERS = 10;

    private CheckoutPolicy() {
    }

    /** Refuses a basket that is empty, too long, names a product twice or a bad quantity, or too many vouchers. */
    static void checkShape(CheckoutRequest request) {
        if (request.lines() == null || request.lines().isEmpty()) {
            throw new KioskRefusal("checkout.basket.empty");
        }
        if (request.lines().size() > MAX_LINES) {
            throw new KioskRefusal("checkout.basket.too-long", MAX_LINES);
        }
        Set<Long> seen = new HashSet<>();
        for (CheckoutRequest.Line line : request.lines()) {
            Quantity.inBasket(line.quantity());
            if (!seen.add(line.productId())) {
                throw new KioskRefusal("checkout.product.twice", line.productId());
            }
        }
        if (request.voucherCodes().size() > MAX_VOUCHERS) {
            throw new KioskRefusal("checkout.voucher.too-many", MAX_VOUCHERS);
        }
    }

    /**
     * The basket priced: each product is this supermarket's ({@code shopId}), on sale, at the price the basket
     * showed. {@code known}: the products found by id.
     */
    static List<CheckoutPlan.Line> price(long shopId, List<CheckoutRequest.Line> requested, Map<Long, Product> known) {
        List<CheckoutPlan.Line> basket = new ArrayList<>();
        for (CheckoutRequest.Line line : requested) {
            Product product = known.get(line.productId());
            if (product == null) {
                throw new NotFound("product.not-found", line.productId());
            }
            if (!product.supermarketId().equals(shopId)) {
                throw new KioskRefusal("checkout.product.other-supermarket", product.name());
            }
            if (!product.active()) {
                throw new KioskRefusal("checkout.product.inactive", product.name());
            }
            if (product.pricePoints() != line.unitPoints()) {
                throw new KioskRefusal("checkout.price.changed", product.name(), line.unitPoints(),
                        product.pricePoints());
            }
            basket.add(new CheckoutPlan.Line(product.id(), product.name(), product.unit(), line.quantity(),
                    product.pricePoints(), product.monthlyLimit()));
        }
        return basket;
    }

    /** Refuses a voucher already redeemed or voided. */
    static VoucherView spendable(VoucherView voucher) {
        if (voucher.status() == VoucherStatus.REDEEMED) {
            throw new VoucherRefusal("voucher.redeemed", voucher.serial());
        }
        if (voucher.status() == VoucherStatus.VOIDED) {
            throw new VoucherRefusal("voucher.voided", voucher.serial());
        }
        return voucher;
    }

    /**
     * How the priced basket is paid: vouchers and card together pay exactly, no voucher needlessly (paper vouchers
     * give no change, so a voucher beyond the total is refused, and the little above the total that the last needed
     * voucher covers goes back to the payer's account as change); the card pays the rest, and a rest without a card
     * is refused.
     */
    static CheckoutPlan plan(Household cardHousehold, List<CheckoutPlan.Line> basket, List<VoucherView> paying) {
        long total = basket.stream().mapToLong(CheckoutPlan.Line::points).sum();
        long voucherSum = paying.stream().mapToLong(VoucherView::points).sum();
        if (!paying.isEmpty()) {
            VoucherView smallest = paying.stream().min(Comparator.comparingLong(VoucherView::points)).orElseThrow();
            if (voucherSum - smallest.points() >= total) {
                throw new KioskRefusal("checkout.voucher.not-needed", smallest.serial(), total, voucherSum);
            }
        }
        long cardPoints = Math.max(0, total - voucherSum);
        long change = Math.max(0, voucherSum - total);
        if (cardPoints > 0 && cardHousehold == null) {
            throw new KioskRefusal("checkout.card.needed", cardPoints);
        }
        String payer = cardHousehold != null ? cardHousehold.id() : paying.get(0).householdId();
        return new CheckoutPlan(cardHousehold, basket, paying, total, cardPoints, voucherSum - change, change, payer);
    }

    /**
     * The basket's fingerprint: the same request id with another fingerprint is another basket and refused. The
     * order of lines and vouchers does not count.
     */
    public static String fingerprint(long shopId, String card, List<CheckoutRequest.Line> lines,
                              List<VoucherSerial> serials) {
        String basket = lines.stream().sorted(Comparator.comparingLong(CheckoutRequest.Line::productId))
                .map(l -> l.productId() + ":" + l.quantity() + ":" + l.unitPoints()).collect(Collectors.joining(","));
        String paid = serials.stream().map(VoucherSerial::value).sorted().collect(Collectors.joining(","));
        String canonical = "shop=" + shopId + ";card=" + (card == null ? "" : card) + ";lines=" + basket
                + ";vouchers=" + paid;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The month whose limits a checkout counts against: the one it began in, in the county's time zone. */
    static YearMonth month(Instant begun, ZoneId zone) {
        return YearMonth.from(begun.atZone(zone));
    }

    /** The line on the household's passbook: the supermarket and what was taken. */
    static String passbookReason(String shopName, List<SaleLine> basket) {
        String goods = basket.stream().map(l -> l.productName() + "×" + l.quantity()).collect(Collectors.joining("、"));
        return shorten(shopName + " 兑换：" + goods, 480);
    }

    static String shorten(String s, int max) {
        return PlainText.shortened(s, max);
    }
}
