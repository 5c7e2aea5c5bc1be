package cn.moralbank.kiosk.stock;

import cn.moralbank.points.common.AggregateType;
import jakarta.inject.Singleton;

@Singleton
class StockType implements AggregateType {
    @Override
    public Class<?> aggregateClass() {
        return SupermarketStock.class;
    }
}
