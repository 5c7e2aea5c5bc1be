package cn.moralbank.kiosk.sales;

import cn.moralbank.kiosk.checkout.CheckoutResult;
import cn.moralbank.kiosk.checkout.CheckoutStatus;
import cn.moralbank.kiosk.stock.AdjustmentView;
import cn.moralbank.kiosk.stock.DonationLineView;
import cn.moralbank.kiosk.supermarket.Supermarket;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;
import java.util.List;

/**
 * One supermarket's day: every checkout begun (completed, refunded, refused), the goods sold per product, the
 * refunds made, the donations received and the stock adjusted. The end-of-day report prints it.
 */
@Serdeable
public record DaySales(Supermarket supermarket, LocalDate day, List<CheckoutResult> checkouts,
                       List<ProductTotal> products, List<CheckoutResult> refunds, List<DonationLineView> donations,
                       List<AdjustmentView> adjustments) {

    public List<CheckoutResult> sold() {
        return checkouts.stream().filter(c -> c.status() == CheckoutStatus.COMPLETED
                || c.status() == CheckoutStatus.REFUNDED).toList();
    }

    public long refusedCount() {
        return checkouts.stream().filter(c -> c.status() == CheckoutStatus.REFUSED).count();
    }

    public long pointsSold() {
        return sold().stream().mapToLong(CheckoutResult::totalPoints).sum();
    }

    public long pointsByCard() {
        return sold().stream().mapToLong(CheckoutResult::cardPoints).sum();
    }

    public long pointsByVoucher() {
        return sold().stream().mapToLong(CheckoutResult::voucherPoints).sum();
    }

    public long itemsSold() {
        return products.stream().mapToLong(ProductTotal::quantity).sum();
    }

    public long pointsRefunded() {
        return refunds.stream().mapToLong(CheckoutResult::refundedPoints).sum();
    }

    public long donatedValueFen() {
        return donations.stream().mapToLong(DonationLineView::declaredValueFen).sum();
    }

    @Serdeable
    public record ProductTotal(long productId, String name, long quantity, long points, long returned) {
    }
}
