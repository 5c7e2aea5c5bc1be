package cn.moralbank.web.pages.self;

import at.favre.lib.crypto.bcrypt.BCrypt;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.household.HouseholdRepository;
import cn.moralbank.points.household.HouseholdStatus;
import cn.moralbank.points.people.SignedIn;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * A villager proves who they are with the household card's number and its four-digit PIN, the same PIN the kiosk
 * asks for (bcrypt, set by the village administrator). The actor is the household's villager: role VILLAGER, scope
 * the household's grid, the household itself.
 */
@Singleton
class CardSignIn {
    /** Compared against when the card is unknown or has no PIN, so every wrong answer costs the same time. */
    private static final String DUMMY = BCrypt.withDefaults().hashToString(cn.moralbank.points.household.Households.PIN_COST, "0000".toCharArray());
    private final HouseholdRepository households;

    CardSignIn(HouseholdRepository households) {
        this.households = households;
    }

    Optional<SignedIn> verify(String card, String pin) {
        if (card == null || !card.matches("[0-9]{6,20}") || pin == null || !pin.matches("[0-9]{4}")) {
            return Optional.empty();
        }
        Optional<Household> found = households.findByCardNumber(card)
                .filter(h -> h.status() == HouseholdStatus.ACTIVE && h.pinHash() != null);
        boolean verified = BCrypt.verifyer()
                .verify(pin.toCharArray(), found.map(Household::pinHash).orElse(DUMMY)).verified;
        return verified ? found.map(h -> new SignedIn(new Actor("card:" + h.cardNumber(), Role.VILLAGER,
                h.regionPath(), h.id(), null), h.headName())) : Optional.empty();
    }
}
