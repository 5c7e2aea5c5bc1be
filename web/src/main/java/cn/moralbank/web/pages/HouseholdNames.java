package cn.moralbank.web.pages;

import cn.moralbank.points.household.CardMask;
import cn.moralbank.points.household.HouseholdRepository;
import jakarta.inject.Singleton;

/**
 * The other household of a passbook's transfer line (分户 a split, 合户 a merge), as the passbook names it: its head
 * of household and its card number masked (****0006). Every page's model has it as {@code households}:
 * {@code ${households.of(l.source)}}.
 */
@Singleton
public class HouseholdNames {
    private final HouseholdRepository households;

    HouseholdNames(HouseholdRepository households) {
        this.households = households;
    }

    public String of(String householdId) {
        if (householdId == null || householdId.isBlank()) {
            return "";
        }
        return households.findById(householdId).map(h -> h.headName() + " " + CardMask.mask(h.cardNumber()))
                .orElse("");
    }
}
