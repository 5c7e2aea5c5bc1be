package cn.moralbank.points.ledger;

import cn.moralbank.points.common.AggregateType;
import jakarta.inject.Singleton;

@Singleton
class HouseholdAccountType implements AggregateType {
    @Override
    public Class<?> aggregateClass() {
        return HouseholdAccount.class;
    }
}
