package cn.moralbank.points.ledger;

import cn.moralbank.points.common.AggregateType;
import jakarta.inject.Singleton;

import java.util.Map;

@Singleton
class HouseholdAccountType implements AggregateType {
    private final RememberedEntries entries;

    HouseholdAccountType(RememberedEntries entries) {
        this.entries = entries;
    }

    @Override
    public Class<?> aggregateClass() {
        return HouseholdAccount.class;
    }

    /** The account's booked entries, kept outside its state (see {@link HouseholdAccount}). */
    @Override
    public Map<Class<?>, Object> handlerResources() {
        return Map.of(RememberedEntries.class, entries);
    }
}
