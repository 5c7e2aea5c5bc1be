package cn.moralbank.points.household;

import cn.moralbank.points.ledger.api.HouseholdId;

/**
 * Told when a household moves to another grid ({@link HouseholdChanges#move}): a module that keeps where a household
 * sits (the rankings' places) forgets it.
 */
public interface HouseholdMoved {
    void moved(HouseholdId household);
}
