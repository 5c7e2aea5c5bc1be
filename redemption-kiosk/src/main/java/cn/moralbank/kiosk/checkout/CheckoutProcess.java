package cn.moralbank.kiosk.checkout;

import cn.moralbank.kiosk.api.CheckoutId;
import cn.moralbank.kiosk.api.ConfirmSaleCommand;
import cn.moralbank.kiosk.api.KioskRefusal;
import cn.moralbank.kiosk.api.ProductId;
import cn.moralbank.kiosk.api.ReleaseStockCommand;
import cn.moralbank.kiosk.api.ReserveStockCommand;
import cn.moralbank.kiosk.api.SaleLine;
import cn.moralbank.kiosk.api.SupermarketId;
import cn.moralbank.kiosk.stock.StockCommands;
import cn.moralbank.kiosk.supermarket.Supermarket;
import cn.moralbank.kiosk.supermarket.Supermarkets;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.common.OneTransaction;
import cn.moralbank.points.ledger.Ledger;
import cn.moralbank.points.ledger.api.CreditCommand;
import cn.moralbank.points.ledger.api.DebitCommand;
import cn.moralbank.points.ledger.api.EntryId;
import cn.moralbank.points.ledger.api.EntryResult;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.voucher.Vouchers;
import cn.moralbank.points.voucher.api.VoucherSerial;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Runs a checkout in one database transaction ({@link OneTransaction}, docs/adr/0009-checkout-in-one-transaction.md):
 * holding its request id, it plans the basket on what the products, vouchers and households say now, reserves and
 * sells the stock, spends the vouchers, debits the card, credits the change, and records the checkout; the events of
 * every aggregate it touched are appended together at the commit. A refusal at any step undoes all of it, so nothing
 * needs compensating: the refusal is then recorded alone, so that a retry answers it too. A crash undoes all of it
 * as well, and the kiosk's retry runs it afresh.
 *
 * <p>Each step keeps an id derived from the checkout's (the stock book's basket, the voucher's redemption reference,
 * the ledger entry {@code checkout:<id>}), which is what lets {@link #finishUnfinished} end a checkout that an
 * earlier version, which drove a checkout in several transactions, left half-way.
 */
@Singleton
class CheckoutProcess {
    private final CheckoutStore store;
    private final StockCommands stock;
    private final Vouchers vouchers;
    private final Ledger ledger;
    private final Supermarkets supermarkets;
    private final OneTransaction oneTransaction;
    private final Clock clock;
    /** Not for correctness (the held id is), but so that checkouts never hold every pooled connection at once. */
    private final Semaphore parallel;

    CheckoutProcess(CheckoutStore store, StockCommands stock, Vouchers vouchers, Ledger ledger,
                    Supermarkets supermarkets, OneTransaction oneTransaction, KioskSettings settings, Clock clock) {
        this.store = store;
        this.stock = stock;
        this.vouchers = vouchers;
        this.ledger = ledger;
        this.supermarkets = supermarkets;
        this.oneTransaction = oneTransaction;
        this.clock = clock;
        this.parallel = new Semaphore(Math.max(1, settings.parallel()), true);
    }

    /**
     * The checkout's record once no run of it is in progress on any node, if it was recorded: a retry's answer. A
     * record an earlier version left half-way is finished first.
     */
    Optional<CheckoutRecord> earlier(CheckoutId id) {
        Optional<CheckoutRecord> first = store.settled(id);
        if (first.isPresent() && first.get().status() == CheckoutStatus.STARTED && finishUnfinished(id.value())) {
            return store.find(id.value());
        }
        return first;
    }

    /**
     * Runs the checkout planned by {@code planner} (called inside the transaction, after the id is held) and
     * answers its record: this run's, or the first run's when another got there before.
     */
    Ran run(Actor actor, Supermarket shop, CheckoutId id, String basketHash, Supplier<CheckoutPlan> planner) {
        boolean now;
        acquire();
        try {
            now = oneTransaction.run(() -> {
                store.hold(id);
                if (store.exists(id)) {
                    return false; // a run on another node or thread got there first: its record is the answer
                }
                CheckoutPlan plan = planner.get();
                Instant at = clock.instant();
                Long balanceAfter;
                try {
                    balanceAfter = apply(actor, shop, id, Steps.of(plan, at, clock));
                } catch (BadInput refusal) {
                    throw new Refused(plan, at, refusal);
                }
                recordOrFail(id, shop, actor, basketHash, plan, CheckoutOutcome.completed(balanceAfter), at);
                return true;
            });
        } catch (Refused refused) {
            // everything the run did is undone; the refusal is kept (under the id, as any record) for the retries
            now = oneTransaction.run(() -> {
                store.hold(id);
                return !store.exists(id) && recordOrFail(id, shop, actor, basketHash, refused.plan,
                        CheckoutOutcome.refused(refused.refusal), refused.at);
            });
        } finally {
            parallel.release();
        }
        return new Ran(store.find(id.value()).orElseThrow(() -> new NotFound("checkout.not-found", id.value())),
                !now);
    }

    /** A checkout's record, and whether it is another run's (this one waited for it and did nothing). */
    record Ran(CheckoutRecord record, boolean repeated) {
    }

    /** Ends a checkout that an earlier version's node left half-way (it died between two steps); true if done here. */
    boolean finishUnfinished(String checkoutId) {
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
                outcome = CheckoutOutcome.completed(oneTransaction.run(() -> apply(system, shop, id, steps)));
            } catch (BadInput refusal) {
                undoEarlierSteps(system, shop, id, steps, refusal.code());
                outcome = CheckoutOutcome.refused(refusal);
            }
            lock.finish(outcome, clock.instant());
            return true;
        }
    }

    /**
     * The checkout's steps, in the caller's transaction: each a command whose events wait for the commit. The card's
     * balance after it, or null when vouchers paid it all.
     */
    private Long apply(Actor actor, Supermarket shop, CheckoutId id, Steps steps) {
        String ref = steps.ref(id);
        stock.send(actor, new ReserveStockCommand(shop.supermarketId(), id, steps.payer(), steps.month(),
                steps.lines()));
        for (VoucherSerial serial : steps.serials()) {
            try {
                vouchers.redeem(actor, serial, ref, shop.supermarketId().toString());
            } catch (NotFound unknown) {
                throw new KioskRefusal("voucher.not-found", serial.value());
            }
        }
        Long balanceAfter = null;
        if (steps.cardPoints() > 0) {
            EntryResult debit = ledger.debit(actor, new DebitCommand(new HouseholdId(steps.cardHousehold()),
                    new EntryId(ref), steps.cardPoints(), ref, CheckoutPolicy.passbookReason(shop.name(),
                    steps.lines())));
            if (!debit.applied()) {
                throw new KioskRefusal("checkout.points.insufficient", steps.cardPoints(), debit.balanceAfter());
            }
            balanceAfter = debit.balanceAfter();
        }
        if (steps.changePoints() > 0) {
            EntryResult change = ledger.credit(actor, new CreditCommand(steps.payer(), new EntryId(ref + ":change"),
                    steps.changePoints(), ref, "积分券找零 " + shop.name()));
            if (steps.cardHousehold() != null) {
                balanceAfter = change.balanceAfter();
            }
        }
        stock.send(actor, new ConfirmSaleCommand(shop.supermarketId(), id, clock.instant()));
        return balanceAfter;
    }

    /**
     * Undoes what an earlier version's node had committed step by step before it died (vouchers spent, stock set
     * aside), when the rest of that checkout is refused now. Each step is safe to repeat.
     */
    private void undoEarlierSteps(Actor actor, Supermarket shop, CheckoutId id, Steps steps, String why) {
        String ref = steps.ref(id);
        for (VoucherSerial serial : steps.serials()) {
            try {
                vouchers.cancelRedemption(actor, serial, ref, CheckoutPolicy.shorten(why, 200));
            } catch (NotFound unknown) {
                // never issued: nothing was spent
            }
        }
        stock.send(actor, new ReleaseStockCommand(shop.supermarketId(), id, CheckoutPolicy.shorten(why, 200)));
    }

    private boolean recordOrFail(CheckoutId id, Supermarket shop, Actor actor, String basketHash, CheckoutPlan plan,
                                 CheckoutOutcome outcome, Instant at) {
        if (!store.record(id, shop.id(), actor.userId(), basketHash, plan, outcome, at)) {
            // cannot happen while the id is held; if it did, the whole run is undone rather than answered twice
            throw new IllegalStateException("checkout " + id.value() + " was recorded by another run");
        }
        return true;
    }

    private void acquire() {
        try {
            parallel.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A refusal at one of the steps, carried out of the transaction (which it rolls back) to be recorded alone. */
    private static final class Refused extends RuntimeException {
        private final transient CheckoutPlan plan;
        private final Instant at;
        private final transient BadInput refusal;

        Refused(CheckoutPlan plan, Instant at, BadInput refusal) {
            super(refusal.code(), refusal, false, false);
            this.plan = plan;
            this.at = at;
            this.refusal = refusal;
        }
    }
}
