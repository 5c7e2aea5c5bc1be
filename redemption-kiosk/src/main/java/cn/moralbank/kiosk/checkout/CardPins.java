package cn.moralbank.kiosk.checkout;

import cn.moralbank.points.common.SqlRows;
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

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The household card and its 4-digit PIN at the kiosk. From the fifth wrong PIN in a row, each wrong PIN makes the
 * card wait before its next try: 15 seconds, then 30 s, 1, 2, 4 minutes, at most 5 minutes
 * ({@link KioskSettings#pinDelay()}, {@link KioskSettings#pinMaxDelay()}); a try during the wait is answered
 * "wait" without being compared or counted, and the count is forgotten at the right PIN or a day after the last
 * wrong one. So a stranger typing wrong PINs can keep a villager from the card for minutes at most, never a
 * quarter of an hour, and still learns at most twelve answers an hour (with the per-kiosk and per-address limits on
 * top). The PIN is compared (bcrypt) outside any transaction, so that no connection or lock is held while it
 * hashes; the answer is then settled under the card's row lock in PostgreSQL, and given only if the card still had
 * a guess left. So two kiosks, or two application nodes, guessing at once still learn the answer to five guesses
 * between them, not five each. The same count serves self-service sign-in ({@link #selfService}): four wrong at the
 * kiosk and one at /self/login lock the card as five at the kiosk do. A kiosk device that tries twenty wrong PINs in
 * a quarter of an hour, on any cards, is stopped for fifteen minutes ({@link Throttles#DEVICE}).
 */
@Singleton
public class CardPins {
    private static final Pattern PIN = Pattern.compile("[0-9]{4}");

    private final Households households;
    private final SqlRows sql;
    private final Transactions transactions;
    private final KioskSettings settings;
    private final Throttles throttles;
    private final Clock clock;

    CardPins(Households households, SqlRows sql, Transactions transactions,
             KioskSettings settings, Throttles throttles, Clock clock) {
        this.throttles = throttles;
        this.households = households;
        this.sql = sql;
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
        Household household;
        try {
            household = households.byCard(kiosk, card);
        } catch (NotFound unknownHere) {
            // an unknown card and a card of a village this supermarket does not serve answer alike (Households.byCard)
            throw new KioskRefusal("kiosk.card.unusable", card);
        }
        if (household.status() != HouseholdStatus.ACTIVE) {
            throw new KioskRefusal("kiosk.card.inactive", card);
        }
        if (household.pinHash() == null) {
            throw new KioskRefusal("kiosk.pin.not-set");
        }
        return household;
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
        return transactions.write(() -> sql.prepare(
                "DELETE FROM card_pin_guard WHERE card_number = ?", ps -> {
                    ps.setString(1, cardNumber);
                    return ps.executeUpdate();
                })) > 0;
    }

    /** A card waiting now after wrong PINs: its number, its wrong PINs in a row, and when the wait ends. */
    public record Waiting(String card, int failures, Instant until) {
    }

    /** The cards waiting now, the longest wait first. */
    public java.util.List<Waiting> waitingCards() {
        Instant now = clock.instant();
        return transactions.read(() -> sql.prepare(
                "SELECT card_number, failures, locked_until FROM card_pin_guard WHERE locked_until > ? "
                        + "ORDER BY locked_until DESC LIMIT 500", ps -> {
                    ps.setTimestamp(1, Timestamp.from(now));
                    var rs = ps.executeQuery();
                    java.util.List<Waiting> waiting = new java.util.ArrayList<>();
                    while (rs.next()) {
                        waiting.add(new Waiting(rs.getString(1), rs.getInt(2), rs.getTimestamp(3).toInstant()));
                    }
                    return waiting;
                }));
    }

    /** Whether the card is locked now; for the kiosk's first screen. */
    public boolean locked(String cardNumber) {
        return lockedUntil(cardNumber).isPresent();
    }

    private Optional<Instant> lockedUntil(String cardNumber) {
        Instant now = clock.instant();
        return Optional.ofNullable(guard(cardNumber).lockedUntil()).filter(until -> until.isAfter(now));
    }

    /** The card's guard row as it stands (a card never guessed wrong has none: no failures, no lock). */
    private Guard guard(String cardNumber) {
        return transactions.read(() -> sql.prepare(
                "SELECT failures, locked_until FROM card_pin_guard WHERE card_number = ?", ps -> {
                    ps.setString(1, cardNumber);
                    var rs = ps.executeQuery();
                    if (!rs.next()) {
                        return new Guard(0, null);
                    }
                    Timestamp until = rs.getTimestamp(2);
                    return new Guard(rs.getInt(1), until == null ? null : until.toInstant());
                }));
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
        sql.prepare("INSERT INTO card_pin_guard (card_number) VALUES (?) ON CONFLICT DO NOTHING", ps -> {
            ps.setString(1, card);
            return ps.executeUpdate();
        });
        int[] failures = new int[1];
        Instant[] lockedUntil = new Instant[1];
        Instant[] lastFailure = new Instant[1];
        sql.prepare("SELECT failures, locked_until, last_failure_at FROM card_pin_guard "
                        + "WHERE card_number = ? FOR UPDATE", ps -> {
                    ps.setString(1, card);
                    var rs = ps.executeQuery();
                    rs.next();
                    failures[0] = rs.getInt(1);
                    Timestamp until = rs.getTimestamp(2);
                    lockedUntil[0] = until == null ? null : until.toInstant();
                    Timestamp last = rs.getTimestamp(3);
                    lastFailure[0] = last == null ? null : last.toInstant();
                    return null;
                });
        if (lockedUntil[0] != null && lockedUntil[0].isAfter(now)) {
            return new Outcome(Kind.LOCKED, 0, 0, secondsUntil(now, lockedUntil[0]));
        }
        if (right) {
            update(card, 0, null, null);
            return new Outcome(Kind.RIGHT, 0, 0, 0);
        }
        // a wait that has ended does not start a fresh count (each wrong PIN after it waits longer); a day without
        // a wrong PIN does
        boolean forgotten = lastFailure[0] == null || lastFailure[0].isBefore(now.minus(settings.pinForget()));
        int failed = (forgotten ? 0 : failures[0]) + 1;
        Duration wait = waitAfter(failed);
        if (!wait.isZero()) {
            Instant until = now.plus(wait);
            update(card, failed, until, now);
            return new Outcome(Kind.WRONG_NOW_LOCKED, 0, failed, secondsUntil(now, until));
        }
        update(card, failed, null, now);
        return new Outcome(Kind.WRONG, settings.pinFailures() - failed, failed, 0);
    }

    /** The wait after this many wrong PINs in a row: none before the limit, then doubling, at most the longest. */
    Duration waitAfter(int failed) {
        if (failed < settings.pinFailures()) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failed - settings.pinFailures(), 20);
        Duration grown = settings.pinDelay().multipliedBy(1L << doublings);
        return grown.compareTo(settings.pinMaxDelay()) > 0 ? settings.pinMaxDelay() : grown;
    }

    private void update(String card, int failures, Instant lockedUntil, Instant lastFailure) {
        sql.prepare("""
                UPDATE card_pin_guard SET failures = ?, locked_until = ?, last_failure_at = coalesce(?, last_failure_at)
                WHERE card_number = ?""", ps -> {
            ps.setInt(1, failures);
            ps.setTimestamp(2, lockedUntil == null ? null : Timestamp.from(lockedUntil));
            ps.setTimestamp(3, lastFailure == null ? null : Timestamp.from(lastFailure));
            ps.setString(4, card);
            return ps.executeUpdate();
        });
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

    private record Guard(int failures, Instant lockedUntil) {
        /** No wrong guess counted, and no lock in force. */
        boolean clean(Instant now) {
            return failures == 0 && (lockedUntil == null || !lockedUntil.isAfter(now));
        }
    }

}
