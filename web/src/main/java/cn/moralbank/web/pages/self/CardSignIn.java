package cn.moralbank.web.pages.self;

import at.favre.lib.crypto.bcrypt.BCrypt;
import cn.moralbank.kiosk.checkout.CardPins;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.household.HouseholdRepository;
import cn.moralbank.points.household.HouseholdStatus;
import cn.moralbank.points.household.Households;
import cn.moralbank.points.people.Sessions;
import cn.moralbank.points.people.SignedIn;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * A villager proves who they are with the household card's number and its four-digit PIN, the same PIN the kiosk
 * asks for (bcrypt, set by the village administrator), counted by the kiosk's own guard ({@link CardPins}): wrong
 * PINs at the kiosk and here add up, and a card locked at one is locked at the other. The actor is the household's
 * villager: role VILLAGER, scope the household's grid, the household itself.
 */
@Singleton
class CardSignIn {
    /** Compared against when the card is unknown or has no PIN, so every wrong answer costs the same time. */
    private static final String DUMMY = BCrypt.withDefaults().hashToString(Households.PIN_COST, "0000".toCharArray());
    private final HouseholdRepository households;
    private final CardPins pins;

    CardSignIn(HouseholdRepository households, CardPins pins) {
        this.households = households;
        this.pins = pins;
    }

    /** The outcome of a sign-in: the person signed in (when right), or whether the card is locked. */
    record Result(Optional<SignedIn> signedIn, boolean locked) {
    }

    Result verify(String card, String pin) {
        if (card == null || !card.matches("[0-9]{6,20}") || pin == null || !pin.matches("[0-9]{4}")) {
            return new Result(Optional.empty(), false);
        }
        Optional<Household> found = households.findByCardNumber(card)
                .filter(h -> h.status() == HouseholdStatus.ACTIVE && h.pinHash() != null);
        if (found.isEmpty()) {
            BCrypt.verifyer().verify(pin.toCharArray(), DUMMY);
            return new Result(Optional.empty(), false);
        }
        Household h = found.get();
        return switch (pins.selfService(h, pin)) {
            case RIGHT -> new Result(Optional.of(new SignedIn(new Actor(Sessions.CARD_PREFIX + h.cardNumber(),
                    Role.VILLAGER, h.regionPath(), h.id(), null), h.headName())), false);
            case LOCKED -> new Result(Optional.empty(), true);
            case WRONG -> new Result(Optional.empty(), false);
        };
    }
}
