package cn.moralbank.kiosk.checkout;

import cn.moralbank.kiosk.api.CheckoutId;
import cn.moralbank.kiosk.api.SupermarketId;
import cn.moralbank.kiosk.supermarket.Supermarket;
import cn.moralbank.kiosk.supermarket.Supermarkets;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.OneTransaction;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * Checkouts an earlier version left half-way. Before ADR 0009 a checkout ran in several transactions, one per step,
 * and a node that died between two left its record STARTED with some steps committed. Each is driven to its end with
 * the same idempotent steps ({@link CheckoutSteps}): completed, or, when the rest is refused now, the steps already
 * committed are undone (vouchers given back, stock released). Nothing writes STARTED any more; this class, the
 * {@link UnfinishedCheckouts} job and the STARTED status can go once no database holds such a record
 * ({@code SELECT count(*) FROM checkout WHERE status = 'STARTED'}).
 */
@Singleton
class HalfFinishedCheckouts {
    private final CheckoutStore store;
    private final CheckoutSteps checkoutSteps;
    private final Supermarkets supermarkets;
    private final OneTransaction oneTransaction;
    private final Clock clock;

    HalfFinishedCheckouts(CheckoutStore store, CheckoutSteps checkoutSteps, Supermarkets supermarkets,
                          OneTransaction oneTransaction, Clock clock) {
        this.store = store;
        this.checkoutSteps = checkoutSteps;
        this.supermarkets = supermarkets;
        this.oneTransaction = oneTransaction;
        this.clock = clock;
    }

    /** Ends a checkout that an earlier version's node left half-way (it died between two steps); true if done here. */
    boolean finish(String checkoutId) {
        try (CheckoutStore.Lock lock = store.tryLock(checkoutId).orElse(null)) {
            if (lock == null || !lock.started()) {
                return false;
            }
            CheckoutRecord record = store.find(checkoutId).orElseThrow();
            Supermarket shop = supermarkets.get(new SupermarketId(record.supermarketId()));
            Actor system = new Actor(record.device(), Role.KIOSK, shop.regionPath(), null, record.device());
            CheckoutId id = new CheckoutId(checkoutId);
            Steps steps = Steps.of(record, store.lines(checkoutId), store.vouchers(checkoutId), clock);
            CheckoutOutcome outcome;
            try {
                outcome = CheckoutOutcome.completed(
                        oneTransaction.run(() -> checkoutSteps.apply(system, shop, id, steps)));
            } catch (BadInput refusal) {
                checkoutSteps.undo(system, shop, id, steps, refusal.code());
                outcome = CheckoutOutcome.refused(refusal);
            }
            lock.finish(outcome, clock.instant());
            return true;
        }
    }
}
