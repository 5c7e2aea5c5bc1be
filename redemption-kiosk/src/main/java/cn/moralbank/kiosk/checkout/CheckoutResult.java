package cn.moralbank.kiosk.checkout;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/**
 * A finished checkout as its receipt shows it. {@code repeated} is true when this answers a retry of a request
 * already finished. {@code balanceAfter} is the household card's balance after it (null when vouchers paid alone).
 * The card number is masked: a receipt left on the counter does not give the card away. {@code refundReason} and
 * {@code refundedPoints}: the latest refund's reason and the points refunded so far (a line, several, or all).
 */
@Serdeable
public record CheckoutResult(String checkoutId, long receiptNo, CheckoutStatus status, boolean repeated,
                             long supermarketId, String supermarketName, String device,
                             @Nullable String householdName, @Nullable String maskedCard, List<Line> lines,
                             List<Voucher> vouchers, long totalPoints, long cardPoints, long voucherPoints,
                             long changePoints, @Nullable Long balanceAfter, Instant startedAt,
                             @Nullable Instant finishedAt, @Nullable Instant refundedAt,
                             @Nullable String refundReason, long refundedPoints) {

    @Serdeable
    public record Line(long productId, String name, String unit, long quantity, long unitPoints, long points,
                       int lineNo, boolean refunded) {
    }

    @Serdeable
    public record Voucher(String serial, long points) {
    }

    public long itemCount() {
        return lines.stream().mapToLong(Line::quantity).sum();
    }
}
