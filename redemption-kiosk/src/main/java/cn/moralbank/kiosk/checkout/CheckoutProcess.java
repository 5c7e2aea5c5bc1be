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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * Drives a claimed checkout to its end under its lock: reserve the basket's stock, spend the vouchers, debit the
 * card, credit the change, confirm the sale; when a side refuses, undo what was done (vouchers spendable again,
 * stock released) and record the refusal. Every step is idempotent by an id derived from the checkout's (the stock
 * book's basket, the voucher's redemption reference, the ledger entry {@code checkout:<id>}), so a run after a crash
 * finds what was done and goes on from there.
 *
 * <p>Why an orchestrating process and not an Axon saga: the command gateway is synchronous in this JVM, the kiosk
 * waits for the answer anyway, and every step is already idempotent. What a saga would add is surviving a crash
 * half-way; the checkout's record does that: its key makes the request id unique across nodes, its lock (held while
 * one node drives it) makes a retry arriving at another node wait and then read the first result, and a checkout
 * left half-way by a node that died is driven to its end by {@link UnfinishedCheckouts} with the very same steps.
 */
@Singleton
class CheckoutProcess {
    private static final Duration LOCK_WAIT = Duration.ofSeconds(30);

    private final CheckoutStore store;
    private final StockCommands stock;
    private final Vouchers vouchers;
    private final Ledger ledger;
    private final Supermarkets supermarkets;
    private final Receipts receipts;
    private final Clock clock;
    /** Not for correctness (the lock is), but so that checkouts never hold every pooled connection at once. */
    private final Semaphore parallel;

    CheckoutProcess(CheckoutStore store, StockCommands stock, Vouchers vouchers, Ledger ledger,
                    Supermarkets supermarkets, Receipts receipts, KioskSettings settings, Clock clock) {
        this.store = store;
        this.stock = stock;
        this.vouchers = vouchers;
        this.ledger = ledger;
        this.supermarkets = supermarkets;
        this.receipts = receipts;
        this.clock = clock;
        this.parallel = new Semaphore(Math.max(1, settings.parallel()), true);
    }

    /**
     * Takes the checkout's lock and answers: the stored result when it is finished, otherwise the result of driving
     * it to its end now. A basket other than the one claimed under this id is refused.
     */
    CheckoutResult drive(Actor actor, Supermarket shop, CheckoutId id, String basketHash) {
        acquire();
        try (CheckoutStore.Lock lock = store.lock(id.value(), LOCK_WAIT)
                .orElseThrow(() -> new NotFound("checkout.not-found", id.value()))) {
            if (!lock.basketHash().equals(basketHash) || lock.supermarketId() != shop.id()) {
                throw new KioskRefusal("checkout.request.reused", id.value());
            }
            if (!lock.started()) {
                return receipts.answer(store.find(id.value()).orElseThrow(), true);
            }
            lock.finish(run(actor, shop, store.find(id.value()).orElseThrow()), clock.instant());
        } finally {
            parallel.release();
        }
        return receipts.answer(store.find(id.value()).orElseThrow(), false);
    }

    /** Drives an unfinished checkout left by a node that died; true when this node did it. */
    boolean finishUnfinished(String checkoutId) {
        try (CheckoutStore.Lock lock = store.tryLock(checkoutId).orElse(null)) {
            if (lock == null || !lock.started()) {
                return false;
            }
            CheckoutRecord record = store.find(checkoutId).orElseThrow();
            Supermarket shop = supermarkets.get(new SupermarketId(record.supermarketId()));
            Actor system = new Actor(record.device(), Role.KIOSK, shop.regionPath(), null, record.device());
            lock.finish(run(system, shop, record), clock.instant());
            return true;
        }
    }

    private CheckoutOutcome run(Actor actor, Supermarket shop, CheckoutRecord record) {
        CheckoutId id = new CheckoutId(record.checkoutId());
        String ref = "checkout:" + id.value();
        List<SaleLine> basket = store.lines(id.value()).stream().map(l -> new SaleLine(new ProductId(l.productId()),
                l.productName(), l.quantity(), l.unitPoints(), l.monthlyLimit())).toList();
        List<VoucherSerial> serials = store.vouchers(id.value()).stream()
                .map(v -> new VoucherSerial(v.serial())).toList();
        HouseholdId payer = new HouseholdId(record.payerHouseholdId());
        try {
            stock.send(actor, new ReserveStockCommand(shop.supermarketId(), id, payer,
                    CheckoutPolicy.month(record.createdAt(), clock.getZone()), basket));
        } catch (BadInput refusal) {
            return CheckoutOutcome.refused(refusal);
        }
        List<VoucherSerial> spent = new ArrayList<>();
        for (VoucherSerial serial : serials) {
            try {
                spent.add(serial);
                vouchers.redeem(actor, serial, ref, shop.supermarketId().toString());
            } catch (BadInput | NotFound refusal) {
                undo(actor, shop, id, ref, spent, refusal.getMessage());
                return refusal instanceof BadInput b ? CheckoutOutcome.refused(b)
                        : CheckoutOutcome.refused(new KioskRefusal("voucher.not-found", serial.value()));
            }
        }
        Long balanceAfter = null;
        if (record.cardPoints() > 0) {
            EntryResult debit;
            try {
                debit = ledger.debit(actor, new DebitCommand(new HouseholdId(record.householdId()), new EntryId(ref),
                        record.cardPoints(), ref, CheckoutPolicy.passbookReason(shop.name(), basket)));
            } catch (BadInput refusal) {
                undo(actor, shop, id, ref, spent, refusal.code());
                return CheckoutOutcome.refused(refusal);
            }
            if (!debit.applied()) {
                undo(actor, shop, id, ref, spent, "insufficient points");
                return CheckoutOutcome.refused(new KioskRefusal("checkout.points.insufficient", record.cardPoints(),
                        debit.balanceAfter()));
            }
            balanceAfter = debit.balanceAfter();
        }
        if (record.changePoints() > 0) {
            EntryResult change = ledger.credit(actor, new CreditCommand(payer, new EntryId(ref + ":change"),
                    record.changePoints(), ref, "积分券找零 " + shop.name()));
            if (record.householdId() != null) {
                balanceAfter = change.balanceAfter();
            }
        }
        stock.send(actor, new ConfirmSaleCommand(shop.supermarketId(), id, clock.instant()));
        return CheckoutOutcome.completed(balanceAfter);
    }

    /** The compensation: vouchers spendable again, goods back on the shelf. Each step is safe to repeat. */
    private void undo(Actor actor, Supermarket shop, CheckoutId id, String ref, List<VoucherSerial> spent,
                      String why) {
        for (VoucherSerial serial : spent) {
            try {
                vouchers.cancelRedemption(actor, serial, ref, CheckoutPolicy.shorten(why, 200));
            } catch (NotFound unknown) {
                // never issued: nothing was spent
            }
        }
        stock.send(actor, new ReleaseStockCommand(shop.supermarketId(), id, CheckoutPolicy.shorten(why, 200)));
    }

    private void acquire() {
        try {
            parallel.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
