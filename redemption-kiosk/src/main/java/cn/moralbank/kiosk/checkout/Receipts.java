package cn.moralbank.kiosk.checkout;

import cn.moralbank.kiosk.api.CheckoutId;
import cn.moralbank.kiosk.api.KioskRefusal;
import cn.moralbank.kiosk.api.SupermarketId;
import cn.moralbank.kiosk.supermarket.Supermarket;
import cn.moralbank.kiosk.supermarket.Supermarkets;
import cn.moralbank.kiosk.supermarket.Tills;
import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.household.CardMask;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Checkouts as their receipts show them: the answer to a checkout and to its retry, a checkout looked up again by a
 * kiosk or its operator, the day's checkouts and refunds. Reads only.
 */
@Singleton
public class Receipts {
    /**
     * How long after a checkout its kiosk may still read it (the API and the receipt page alike): long enough to
     * print the receipt twice.
     */
    public static final Duration ON_KIOSK = Duration.ofMinutes(10);

    private final Tills tills;
    private final Supermarkets supermarkets;
    private final CheckoutStore store;
    private final Clock clock;

    Receipts(Tills tills, Supermarkets supermarkets, CheckoutStore store, Clock clock) {
        this.tills = tills;
        this.supermarkets = supermarkets;
        this.store = store;
        this.clock = clock;
    }

    /** The result of an earlier checkout of this supermarket, e.g. for a kiosk asking after a lost answer. */
    public CheckoutResult result(Actor actor, CheckoutId id) {
        Supermarket shop = tills.of(actor);
        CheckoutRecord record = store.find(id.value())
                .orElseThrow(() -> new NotFound("checkout.not-found", id.value()));
        if (record.supermarketId() != shop.id()) {
            throw new AccessDenied("checkout " + id.value());
        }
        if (actor.role() == Role.KIOSK && !onKiosk(record)) {
            // a kiosk is a public screen: it reads the checkout in progress and the one just finished (to print its
            // receipt), never an older one, which shows another villager's name and balance (a refusal's too: "not
            // enough points" names the balance); the operator's to see. Asked before the answer, which throws a
            // refusal
            throw new AccessDenied("checkout " + id.value());
        }
        return answer(record, true);
    }

    /**
     * Whether a kiosk still shows the checkout: within {@link #ON_KIOSK} of its end, or of its start while it has none
     * (still running, or left so by a node that died). A kiosk reads its receipt, and retries it, that long.
     */
    boolean onKiosk(CheckoutRecord record) {
        Instant since = record.finishedAt() != null ? record.finishedAt() : record.createdAt();
        return !since.plus(ON_KIOSK).isBefore(clock.instant());
    }

    /** Every checkout begun at a supermarket between two instants (any status), oldest first: for the day's sales. */
    public List<CheckoutResult> between(SupermarketId shop, Instant from, Instant to) {
        return store.between(shop.value(), from, to).stream().map(r -> view(r, true)).toList();
    }

    /** Checkouts refunded between two instants, whenever they were sold. */
    public List<CheckoutResult> refundedBetween(SupermarketId shop, Instant from, Instant to) {
        return store.refundedBetween(shop.value(), from, to).stream().map(r -> view(r, true)).toList();
    }

    /** A card number as a receipt or screen shows it: only its last four digits. */
    public static String mask(String card) {
        return card == null ? null : CardMask.mask(card);
    }

    /** The answer to a checkout: its receipt when it completed; its refusal again when refused; busy while driven. */
    CheckoutResult answer(CheckoutRecord record, boolean repeated) {
        if (record.status() == CheckoutStatus.REFUSED) {
            throw new KioskRefusal(record.refusalCode(), (Object[]) CheckoutOutcome.splitArgs(record.refusalArgs()));
        }
        if (record.status() == CheckoutStatus.STARTED) {
            throw new KioskRefusal("checkout.busy");
        }
        return view(record, repeated);
    }

    /** The receipt of a checkout in any status, with the lines refunded so far. */
    CheckoutResult view(CheckoutRecord record, boolean repeated) {
        Supermarket shop = supermarkets.get(new SupermarketId(record.supermarketId()));
        Set<Integer> back = store.refundedLineNos(record.checkoutId());
        boolean whole = record.status() == CheckoutStatus.REFUNDED && back.isEmpty();
        List<CheckoutResult.Line> bought = store.lines(record.checkoutId()).stream()
                .map(l -> new CheckoutResult.Line(l.productId(), l.productName(), l.unit(), l.quantity(),
                        l.unitPoints(), l.quantity() * l.unitPoints(), l.key().lineNo(),
                        whole || back.contains(l.key().lineNo())))
                .toList();
        long refundedPoints = bought.stream().filter(CheckoutResult.Line::refunded)
                .mapToLong(CheckoutResult.Line::points).sum();
        List<CheckoutResult.Voucher> used = store.vouchers(record.checkoutId()).stream()
                .map(v -> new CheckoutResult.Voucher(v.serial(), v.points())).toList();
        return new CheckoutResult(record.checkoutId(), record.receiptNo(), record.status(), repeated, shop.id(),
                shop.name(), record.device(), record.householdName(), mask(record.cardNumber()), bought, used,
                record.totalPoints(), record.cardPoints(), record.voucherPoints(), record.changePoints(),
                record.balanceAfter(), record.createdAt(), record.finishedAt(), record.refundedAt(),
                record.refundReason(), refundedPoints);
    }
}
