package cn.moralbank.points.household;

import cn.moralbank.points.ledger.api.HouseholdId;

/**
 * Told when a household moves to another grid ({@link HouseholdChanges#move}): a module that keeps where a household
 * sits (the rankings' places) forgets it; and when it leaves the register or comes back to it (迁出 and its undoing,
 * {@link Households#setStatus}), in the change's own transaction, so the villages' counts of households follow.
 */
public interface HouseholdMoved {
    void moved(HouseholdId household);

    default void register(HouseholdId household, boolean onRegister) {
    }
}
