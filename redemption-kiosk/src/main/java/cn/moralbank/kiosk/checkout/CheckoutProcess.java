package cn.moralbank.kiosk.checkout;

import cn.moralbank.kiosk.api.CheckoutId;
import cn.moralbank.kiosk.supermarket.Supermarket;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.common.OneTransaction;
import cn.moralbank.points.common.TryAgainLater;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs a checkout in one database transaction ({@link OneTransaction}, docs/adr/0009-checkout-in-one-transaction.md):
 * holding its request id, it plans the basket on what the products, vouchers and households say now, reserves and
 * sells the stock, spends the vouchers, debits the card, credits the change, and records the checkout; the events of
 * every aggregate it touched are appended together at the commit. A refusal at any step undoes all of it, so nothing
 * needs compensating: the refusal is then recorded alone, so that a retry answers it too. A crash undoes all of it
 * as well, and the kiosk's retry runs it afresh.
 *
 * <p>The steps themselves are {@link CheckoutSteps}'. A checkout an earlier version left half-way is finished by
 * {@link HalfFinishedCheckouts} before its retry is answered.
 */
@Singleton
class CheckoutProcess {
    private final CheckoutStore store;
    private final CheckoutSteps steps;
    private final HalfFinishedCheckouts halfFinished;
    private final OneTransaction oneTransaction;
    private final Clock clock;
    /** Not for correctness (the held id is), but so that checkouts never hold every pooled connection at once. */
    private final Semaphore parallel;
    private final Duration parallelWait;

    CheckoutProcess(CheckoutStore store, CheckoutSteps steps, HalfFinishedCheckouts halfFinished,
                    OneTransaction oneTransaction, KioskSettings settings, Clock clock) {
        this.store = store;
        this.steps = steps;
        this.halfFinished = halfFinished;
        this.oneTransaction = oneTransaction;
        this.clock = clock;
        this.parallel = new Semaphore(Math.max(1, settings.parallel()), true);
        this.parallelWait = settings.parallelWait();
    }

    /**
     * The checkout's record once no run of it is in progress on any node, if it was recorded: a retry's answer. A
     * record an earlier version left half-way is finished first.
     */
    Optional<CheckoutRecord> earlier(CheckoutId id) {
        Optional<CheckoutRecord> first = store.settled(id);
        if (first.isPresent() && first.get().status() == CheckoutStatus.STARTED && halfFinished.finish(id.value())) {
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
                    balanceAfter = steps.apply(actor, shop, id, Steps.of(plan, at, clock));
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

    private boolean recordOrFail(CheckoutId id, Supermarket shop, Actor actor, String basketHash, CheckoutPlan plan,
                                 CheckoutOutcome outcome, Instant at) {
        if (!store.record(id, shop.id(), actor.userId(), basketHash, plan, outcome, at)) {
            // cannot happen while the id is held; if it did, the whole run is undone rather than answered twice
            throw new IllegalStateException("checkout " + id.value() + " was recorded by another run");
        }
        return true;
    }

    /** One of the node's places for a checkout, waited for at most {@code parallel-wait}: then "busy, try again". */
    private void acquire() {
        try {
            if (!parallel.tryAcquire(parallelWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TryAgainLater("commands.busy", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TryAgainLater("commands.busy", e);
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
