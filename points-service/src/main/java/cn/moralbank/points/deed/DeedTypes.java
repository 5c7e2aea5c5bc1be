package cn.moralbank.points.deed;

import cn.moralbank.points.common.AggregateType;
import jakarta.inject.Singleton;

/** Names the deed context's aggregates to the Axon infrastructure, which keeps them package-private here. */
final class DeedTypes {
    private DeedTypes() {
    }

    @Singleton
    static class DeedType implements AggregateType {
        @Override
        public Class<?> aggregateClass() {
            return Deed.class;
        }
    }

    @Singleton
    static class ReviewSessionType implements AggregateType {
        @Override
        public Class<?> aggregateClass() {
            return ReviewSession.class;
        }
    }
}
