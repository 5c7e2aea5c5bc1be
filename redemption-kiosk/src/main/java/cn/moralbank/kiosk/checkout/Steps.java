package cn.moralbank.kiosk.checkout;

import cn.moralbank.points.ledger.api.EntryId;
import cn.moralbank.kiosk.api.CheckoutId;
import cn.moralbank.kiosk.api.ProductId;
import cn.moralbank.kiosk.api.SaleLine;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.voucher.api.VoucherSerial;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * What a checkout's steps send ({@link CheckoutSteps}), from its plan or from the record an earlier version left.
 *
 * @param cardHousehold the household whose card is debited; null when vouchers pay it all
 * @param payer         who is credited the change, and whose monthly limits the basket counts against
 * @param month         the month the basket counts in for the products' monthly limits
 */
record Steps(List<SaleLine> lines, List<VoucherSerial> serials, HouseholdId payer, String cardHousehold,
             long cardPoints, long changePoints, YearMonth month) {

    static Steps of(CheckoutPlan plan, Instant at, Clock clock) {
        return new Steps(plan.lines().stream().map(l -> new SaleLine(new ProductId(l.productId()), l.productName(),
                        l.quantity(), l.unitPoints(), l.monthlyLimit())).toList(),
                plan.vouchers().stream().map(v -> new VoucherSerial(v.serial())).toList(),
                new HouseholdId(plan.payer()), plan.cardHousehold() == null ? null : plan.cardHousehold().id(),
                plan.cardPoints(), plan.change(), CheckoutPolicy.month(at, clock.getZone()));
    }

    static Steps of(CheckoutRecord record, List<CheckoutLineRecord> lines, List<CheckoutVoucherRecord> vouchers,
                    Clock clock) {
        return new Steps(lines.stream().map(l -> new SaleLine(new ProductId(l.productId()), l.productName(),
                        l.quantity(), l.unitPoints(), l.monthlyLimit())).toList(),
                vouchers.stream().map(v -> new VoucherSerial(v.serial())).toList(),
                new HouseholdId(record.payerHouseholdId()), record.householdId(), record.cardPoints(),
                record.changePoints(), CheckoutPolicy.month(record.createdAt(), clock.getZone()));
    }

    /** The reference every step carries: the ledger entry's id, the vouchers' redemption reference. */
    String ref(CheckoutId id) {
        return EntryId.CHECKOUT + id.value();
    }
}
