package cn.moralbank.kiosk.checkout;

import java.time.Instant;
import java.util.List;

/**
 * Where each card's count of wrong PINs and its wait are kept ({@link CardPins}). The checkout package owns this
 * interface; its implementation (table {@code card_pin_guard}) is infrastructure, in {@code cn.moralbank.kiosk.infra}.
 * Each method runs in the transaction open on the thread.
 */
public interface CardPinStore {
    /** A card's guard as it stands; a card never guessed wrong has none: no failures, no wait. */
    Guard guard(String card);

    /**
     * The card's guard under its row lock (made first if the card has none), held to the end of the transaction:
     * guesses settled on two kiosks or two nodes at once are counted one after the other.
     */
    Guard lockForUpdate(String card);

    /** Writes a card's count and wait; {@code lastFailure} null keeps the one stored. */
    void update(String card, int failures, Instant lockedUntil, Instant lastFailure);

    /** Forgets a card's count and wait; whether there was any. */
    boolean forget(String card);

    /** The cards waiting at {@code now}, the longest wait first, at most {@code limit}. */
    List<CardPins.Waiting> waiting(Instant now, int limit);

    /** A card's wrong PINs in a row, the end of its wait (null for none) and its last wrong PIN (null for none). */
    record Guard(int failures, Instant lockedUntil, Instant lastFailure) {
        public static final Guard NONE = new Guard(0, null, null);

        /** No wrong guess counted, and no wait in force. */
        boolean clean(Instant now) {
            return failures == 0 && (lockedUntil == null || !lockedUntil.isAfter(now));
        }
    }
}
