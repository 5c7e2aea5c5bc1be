package cn.moralbank.points.rating;

import cn.moralbank.points.common.AggregateType;
import jakarta.inject.Singleton;

@Singleton
class RatingRoundType implements AggregateType {
    @Override
    public Class<?> aggregateClass() {
        return RatingRound.class;
    }
}
