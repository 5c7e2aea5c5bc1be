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

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checkout at the kiosk: one idempotent operation per request id. It checks the request (the basket's shape, the
 * voucher codes, then the PIN), and has the {@link CheckoutProcess} run it in one transaction: planned with
 * {@link CheckoutPolicy} on what the products, vouchers and households say now, stock sold, vouchers spent, card
 * debited, or none of it with the villager told why. The answer is the receipt ({@link Receipts}).
 */
@Singleton
public class Checkouts {
    private final Tills tills;
    private final Products products;
    private final CardPins pins;
    private final Vouchers vouchers;
    private final RedemptionEligibility eligibility;
    private final Receipts receipts;
    private final CheckoutProcess process;

    Checkouts(Tills tills, Products products, CardPins pins, Vouchers vouchers, RedemptionEligibility eligibility,
              Receipts receipts, CheckoutProcess process) {
        this.tills = tills;
        this.products = products;
        this.pins = pins;
        this.vouchers = vouchers;
        this.eligibility = eligibility;
        this.receipts = receipts;
        this.process = process;
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
        Optional<CheckoutRecord> earlier = process.earlier(id);
        if (earlier.isPresent()) {
            // a retry, on this node or another, after its first run ended: it answers the first result, which names
            // the household and its balance, so only with the card's PIN; no throttle of the card or the kiosk holds
            // it back, which would turn a checkout that went through into a refusal (CardPins.verifyRetry)
            if (card != null && earlier.get().basketHash().equals(hash)) {
                // a lost answer is asked for again within minutes; the kiosk's screen shows a receipt that long
                if (!receipts.onKiosk(earlier.get())) {
                    throw new KioskRefusal("kiosk.retry.expired", Receipts.ON_KIOSK.toMinutes());
                }
                pins.verifyRetry(actor, id.value(), card, request.pin());
            }
            return answer(shop, id, hash, earlier.get(), true);
        }
        Household cardHousehold = card == null ? null : pins.verify(actor, card, request.pin());
        CheckoutProcess.Ran ran = process.run(actor, shop, id, hash,
                () -> plan(actor, shop, cardHousehold, request.lines(), serials));
        return answer(shop, id, hash, ran.record(), ran.repeated());
    }

    /** A checkout's receipt, or its refusal; a request id used for another basket is refused. */
    private CheckoutResult answer(Supermarket shop, CheckoutId id, String basketHash, CheckoutRecord record,
                                  boolean repeated) {
        if (!record.basketHash().equals(basketHash) || record.supermarketId() != shop.id()) {
            throw new KioskRefusal("checkout.request.reused", id.value());
        }
        return receipts.answer(record, repeated);
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
