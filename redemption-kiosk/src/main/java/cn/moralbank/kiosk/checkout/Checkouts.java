package cn.moralbank.kiosk.checkout;

import cn.moralbank.kiosk.api.CheckoutId;
import cn.moralbank.kiosk.api.KioskRefusal;
import cn.moralbank.kiosk.product.Products;
import cn.moralbank.kiosk.supermarket.Supermarket;
import cn.moralbank.kiosk.supermarket.Tills;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.rating.Eligibility;
import cn.moralbank.points.rating.RedemptionEligibility;
import cn.moralbank.points.voucher.VoucherView;
import cn.moralbank.points.voucher.Vouchers;
import cn.moralbank.points.voucher.api.VoucherSerial;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Checkout at the kiosk: one idempotent operation per request id. It checks the request (PIN, voucher codes, the
 * basket's shape), plans it with {@link CheckoutPolicy} on what the products, vouchers and households say now,
 * claims the request id in the {@link CheckoutStore}, and has the {@link CheckoutProcess} drive it: stock reserved,
 * vouchers spent, card debited, goods sold, or all of it undone with the villager told why. The answer is the
 * receipt ({@link Receipts}).
 */
@Singleton
public class Checkouts {
    private final Tills tills;
    private final Products products;
    private final CardPins pins;
    private final Vouchers vouchers;
    private final RedemptionEligibility eligibility;
    private final CheckoutStore store;
    private final CheckoutProcess process;
    private final Clock clock;

    Checkouts(Tills tills, Products products, CardPins pins, Vouchers vouchers, RedemptionEligibility eligibility,
              CheckoutStore store, CheckoutProcess process, Clock clock) {
        this.tills = tills;
        this.products = products;
        this.pins = pins;
        this.vouchers = vouchers;
        this.eligibility = eligibility;
        this.store = store;
        this.process = process;
        this.clock = clock;
    }

    /**
     * Checks out a basket. A retry with the same request id and basket answers with the first result and never
     * debits twice; the same request id with another basket is refused. Every refusal before anything is recorded
     * (wrong PIN, forged voucher, changed price, product of another supermarket, bad quantity) leaves the request
     * id unused.
     */
    public CheckoutResult checkout(Actor actor, CheckoutRequest request) {
        Supermarket shop = tills.of(actor);
        if (request.requestId() == null || request.requestId().isBlank()) {
            throw new KioskRefusal("checkout.request.missing");
        }
        CheckoutId id = new CheckoutId(request.requestId());
        CheckoutPolicy.checkShape(request);
        List<VoucherSerial> serials = new ArrayList<>();
        for (String code : request.voucherCodes()) {
            VoucherSerial serial = vouchers.verify(code);
            if (serials.contains(serial)) {
                throw new KioskRefusal("checkout.voucher.twice", serial.value());
            }
            serials.add(serial);
        }
        String card = blankToNull(request.cardNumber());
        String hash = CheckoutPolicy.fingerprint(shop.id(), card, request.lines(), serials);
        if (store.exists(id)) {
            // a retry, on this node or another: it answers the first result (or waits for it), the baskets compared
            // by the process. The PIN was checked before the checkout was claimed; checking it again would let a
            // throttle that holds the kiosk or the card back now turn a checkout that went through into a refusal
            return process.drive(actor, shop, id, hash);
        }
        Household cardHousehold = card == null ? null : pins.verify(actor, card, request.pin());
        CheckoutPlan plan = plan(actor, shop, cardHousehold, request.lines(), serials);
        // false: another request with this id came first; the process compares the baskets
        store.claim(id, shop.id(), actor.userId(), hash, plan, clock.instant());
        return process.drive(actor, shop, id, hash);
    }

    /**
     * The plan on what the products, vouchers and households say now, before anything is recorded: priced, paid,
     * and every paying household allowed to redeem (the county's rule that a household under its star threshold
     * may not redeem until it recovers).
     */
    private CheckoutPlan plan(Actor actor, Supermarket shop, Household cardHousehold,
                              List<CheckoutRequest.Line> requested, List<VoucherSerial> serials) {
        List<CheckoutPlan.Line> basket = CheckoutPolicy.price(shop.id(), requested,
                products.byId(requested.stream().map(CheckoutRequest.Line::productId).toList()));
        List<VoucherView> paying = new ArrayList<>();
        for (VoucherSerial serial : serials) {
            paying.add(CheckoutPolicy.spendable(vouchers.check(actor, serial)));
        }
        CheckoutPlan plan = CheckoutPolicy.plan(cardHousehold, basket, paying);
        for (String household : plan.payers()) {
            Eligibility check = eligibility.check(new HouseholdId(household));
            if (!check.mayRedeem()) {
                throw new KioskRefusal("checkout.stars.blocked", check.arguments().toArray());
            }
        }
        return plan;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
