package cn.moralbank.points.voucher;

import cn.moralbank.points.common.AggregateType;
import jakarta.inject.Singleton;

@Singleton
class VoucherType implements AggregateType {
    @Override
    public Class<?> aggregateClass() {
        return Voucher.class;
    }
}
