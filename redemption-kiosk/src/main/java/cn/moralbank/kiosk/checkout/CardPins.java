package cn.moralbank.kiosk.checkout;

import cn.moralbank.points.common.Transactions;
import at.favre.lib.crypto.bcrypt.BCrypt;
import cn.moralbank.kiosk.api.KioskRefusal;
import cn.moralbank.points.access.Throttles;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.household.HouseholdStatus;
import cn.moralbank.points.household.Households;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The household card and its 4-digit PIN at the kiosk. From the fifth wrong PIN in a row, each wrong PIN makes the card
 * wait before its next try: 15 seconds, then 30 s, 1, 2, 4 minutes, at most 5 minutes
 * ({@link KioskSettings#pinDelay()}, {@link KioskSettings#pinMaxDelay()}); a try during the wait is answered "wait"
 * without being compared or counted, and the count is forgotten at the right PIN or a day after the last wrong one. So a
 * stranger typing wrong PINs can keep a villager from the card for minutes at most, never a quarter of an hour, and
 * still learns at most twelve answers an hour (with the per-kiosk and per-address limits on top). The PIN is compared
 * (bcrypt) outside any transaction, so that no connection or lock is held while it hashes; the answer is then settled
 * under the card's row lock ({@link CardPinStore}), and given only if the card still had a guess left. So two kiosks,
 * or two application nodes, guessing at once still learn the answer to five guesses between them, not five each. The
 * same count serves self-service sign-in ({@link #selfService}): four wrong at the kiosk and one at /self/login lock
 * the card as five at the kiosk do. A kiosk device that tries twenty wrong PINs in a quarter of an hour, on any cards,
 * is stopped for fifteen minutes ({@link Throttles#DEVICE}).
 */
@Singleton
public class CardPins {
    private static final Pattern PIN = Pattern.compile("[0-9]{4}");

    private final Households households;
    private final CardPinStore store;
    private final Transactions transactions;
    private final KioskSettings settings;
    private final Throttles throttles;
    private final Clock clock;

    CardPins(Households households, CardPinStore store, Transactions transactions,
             KioskSettings settings, Throttles throttles, Clock clock) {
        this.throttles = throttles;
        this.households = households;
        this.store = store;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * The household of a card whose PIN is right. Refused, each with its own message: an unknown card, a card of a
     * village this supermarket does not serve, a moved household, a card without PIN, a locked card, a wrong PIN
     * (saying how many tries are left).
     */
    public Household verify(Actor kiosk, String cardNumber, String pin) {
        String card = cardNumber == null ? "" : cardNumber.strip();
        Household household = usableCard(kiosk, card);
        if (pin == null || !PIN.matcher(pin).matches()) {
            throw new KioskRefusal("kiosk.pin.malformed");
        }
        // the device's try is claimed (counted as wrong) before the PIN is compared, so parallel tries from one
        // kiosk, on one node or several, are compared at most as often as tries one after another; a right PIN, or
        // a locked card (not compared), gives it back
        Throttles.Try claimed = throttles.claim(Throttles.DEVICE, kiosk.userId());
        if (!claimed.granted()) {
            throw new KioskRefusal("kiosk.device.locked", minutesUntil(clock.instant(),
                    clock.instant().plus(claimed.waiting())));
        }
        Outcome outcome = check(card, household.pinHash(), pin);
        if (outcome.kind == Kind.RIGHT || outcome.kind == Kind.LOCKED) {
            throttles.undo(claimed);
        }
        switch (outcome.kind) {
            case LOCKED -> throw new KioskRefusal("kiosk.card.locked", outcome.seconds);
            case WRONG -> throw new KioskRefusal("kiosk.pin.wrong", outcome.triesLeft);
            case WRONG_NOW_LOCKED -> throw new KioskRefusal("kiosk.pin.wrong-locked", outcome.failures,
                    outcome.seconds);
            default -> {
                return household;
            }
        }
    }

    /**
     * The PIN sent with a retry of a finished checkout, whose answer names the household and its balance. It is
     * compared as on the first run, but no lock holds a retry with the right PIN back: the checkout went through, and
     * a kiosk that lost its answer must get it (the crash rounds of ops/faults.sh saw a retry refused by a throttle
     * while its debit was in the store). A wrong one counts as any wrong PIN does: on the card (even while it waits,
     * so the wait grows and the county office sees it), on the kiosk, and on the checkout, whose retries end after
     * three ({@link Throttles#CHECKOUT_RETRY}).
     */
    public void verifyRetry(Actor kiosk, String checkoutId, String cardNumber, String pin) {
        Household household = known(kiosk, cardNumber);
        if (pin == null || !PIN.matcher(pin).matches()) {
            throw new KioskRefusal("kiosk.pin.malformed");
        }
        Throttles.Try retries = throttles.claim(Throttles.CHECKOUT_RETRY, checkoutId);
        if (!retries.granted()) {
            throw new KioskRefusal("kiosk.retry.locked");
        }
        Throttles.Try device = throttles.claim(Throttles.DEVICE, kiosk.userId());
        if (household.pinHash() != null && BCrypt.verifyer().verify(pin.toCharArray(), household.pinHash()).verified) {
            throttles.undo(retries);
            if (device.granted()) {
                throttles.undo(device);
            }
            return;
        }
        transactions.write(() -> {
            countWrong(household.cardNumber(), clock.instant());
            return null;
        });
        throw new KioskRefusal("kiosk.retry.pin-wrong");
    }

    /** A wrong PIN counted on the card even while it waits: the wait starts, or grows from now. */
    private void countWrong(String card, Instant now) {
        CardPinStore.Guard guard = store.lockForUpdate(card);
        int failed = failuresAfterOneMore(guard, now);
        Duration wait = waitAfter(failed);
        Instant until = guard.lockedUntil() != null && guard.lockedUntil().isAfter(now) ? guard.lockedUntil() : null;
        if (!wait.isZero() && (until == null || now.plus(wait).isAfter(until))) {
            until = now.plus(wait);
        }
        store.update(card, failed, until, now);
    }

    /**
     * The household of a card that may be asked for its PIN: known, of a village this supermarket serves, active,
     * with a PIN set and not locked. The kiosk asks this before showing the keypad, so a villager is not asked for
     * a PIN only to be told the card cannot be used.
     */
    public Household cardForPin(Actor kiosk, String cardNumber) {
        String card = cardNumber == null ? "" : cardNumber.strip();
        Household household = usableCard(kiosk, card);
        Optional<Instant> locked = lockedUntil(card);
        if (locked.isPresent()) {
            throw new KioskRefusal("kiosk.card.locked", secondsUntil(clock.instant(), locked.get()));
        }
        return household;
    }

    private Household usableCard(Actor kiosk, String card) {
        Household household = known(kiosk, card);
        if (household.status() != HouseholdStatus.ACTIVE) {
            throw new KioskRefusal("kiosk.card.inactive", card);
        }
        if (household.pinHash() == null) {
            throw new KioskRefusal("kiosk.pin.not-set");
        }
        return household;
    }

    /** The household of a card of a village this supermarket serves, whatever its state. */
    private Household known(Actor kiosk, String card) {
        try {
            return households.byCard(kiosk, card);
        } catch (NotFound unknownHere) {
            // an unknown card and a card of a village this supermarket does not serve answer alike (Households.byCard)
            throw new KioskRefusal("kiosk.card.unusable", card);
        }
    }

    /** The answer to a PIN tried at self-service sign-in. */
    public enum Answer { RIGHT, WRONG, LOCKED }

    /**
     * A PIN tried at self-service sign-in (/self/login), counted by the same guard as the kiosk's: one count of
     * wrong PINs per card, wherever they are tried, and a locked card is locked everywhere.
     */
    public Answer selfService(Household household, String pin) {
        if (household.pinHash() == null || pin == null || !PIN.matcher(pin).matches()) {
            return Answer.WRONG;
        }
        return switch (check(household.cardNumber(), household.pinHash(), pin).kind) {
            case RIGHT -> Answer.RIGHT;
            case LOCKED -> Answer.LOCKED;
            default -> Answer.WRONG;
        };
    }

    /** Lifts a card's lock (the county office's page); answers whether there was a lock or a count to lift. */
    public boolean unlock(String cardNumber) {
        return transactions.write(() -> store.forget(cardNumber));
    }

    /** A card waiting now after wrong PINs: its number, its wrong PINs in a row, and when the wait ends. */
    public record Waiting(String card, int failures, Instant until) {
    }

    /** The cards waiting now, the longest wait first. */
    public List<Waiting> waitingCards() {
        Instant now = clock.instant();
        return transactions.read(() -> store.waiting(now, 500));
    }

    /** Whether the card is locked now; for the kiosk's first screen. */
    public boolean locked(String cardNumber) {
        return lockedUntil(cardNumber).isPresent();
    }

    private Optional<Instant> lockedUntil(String cardNumber) {
        Instant now = clock.instant();
        return Optional.ofNullable(guard(cardNumber).lockedUntil()).filter(until -> until.isAfter(now));
    }

    /** The card's guard as it stands (a card never guessed wrong has none: no failures, no lock). */
    private CardPinStore.Guard guard(String cardNumber) {
        return transactions.read(() -> store.guard(cardNumber));
    }

    private Outcome check(String card, String hash, String pin) {
        Optional<Instant> locked = lockedUntil(card);
        if (locked.isPresent()) {
            // a locked card is answered without hashing; no guess is counted
            return new Outcome(Kind.LOCKED, 0, 0, secondsUntil(clock.instant(), locked.get()));
        }
        boolean right = BCrypt.verifyer().verify(pin.toCharArray(), hash).verified;
        if (right && guard(card).clean(clock.instant())) {
            // Read after the compare: no wrong guess is counted and no lock stands, so there is nothing to reset
            // and the answer is the one settling would give. Most checkouts end here, without a write (and the
            // commit it waits for); a wrong guess counted meanwhile sends the right one through settle().
            return new Outcome(Kind.RIGHT, 0, 0, 0);
        }
        return transactions.write(() -> settle(card, right, clock.instant()));
    }

    /** Counts a compared guess under the card's row lock; a locked card answers locked, right or wrong. */
    private Outcome settle(String card, boolean right, Instant now) {
        CardPinStore.Guard guard = store.lockForUpdate(card);
        if (guard.lockedUntil() != null && guard.lockedUntil().isAfter(now)) {
            return new Outcome(Kind.LOCKED, 0, 0, secondsUntil(now, guard.lockedUntil()));
        }
        if (right) {
            store.update(card, 0, null, null);
            return new Outcome(Kind.RIGHT, 0, 0, 0);
        }
        int failed = failuresAfterOneMore(guard, now);
        Duration wait = waitAfter(failed);
        if (!wait.isZero()) {
            Instant until = now.plus(wait);
            store.update(card, failed, until, now);
            return new Outcome(Kind.WRONG_NOW_LOCKED, 0, failed, secondsUntil(now, until));
        }
        store.update(card, failed, null, now);
        return new Outcome(Kind.WRONG, settings.pinFailures() - failed, failed, 0);
    }

    /**
     * The card's wrong PINs in a row with one more: a wait that has ended does not start a fresh count (each wrong PIN
     * after it waits longer); a day without a wrong PIN does.
     */
    private int failuresAfterOneMore(CardPinStore.Guard guard, Instant now) {
        Instant last = guard.lastFailure();
        boolean forgotten = last == null || last.isBefore(now.minus(settings.pinForget()));
        return (forgotten ? 0 : guard.failures()) + 1;
    }

    /**
     * The wait after this many wrong PINs in a row: none before the limit, then doubling, at most the longest; the
     * same growing wait as a password's ({@link Throttles.Policy}), with the card's own settings.
     */
    Duration waitAfter(int failed) {
        return new Throttles.Policy("card", settings.pinFailures() - 1, settings.pinForget(), settings.pinDelay(),
                settings.pinMaxDelay(), true).blockAfter(failed);
    }

    private static long minutesUntil(Instant now, Instant until) {
        return Math.max(1, (Duration.between(now, until).getSeconds() + 59) / 60);
    }

    private enum Kind { RIGHT, WRONG, WRONG_NOW_LOCKED, LOCKED }

    private static long secondsUntil(Instant now, Instant until) {
        return Math.max(1, (Duration.between(now, until).toMillis() + 999) / 1000);
    }

    private record Outcome(Kind kind, int triesLeft, int failures, long seconds) {
    }
}
