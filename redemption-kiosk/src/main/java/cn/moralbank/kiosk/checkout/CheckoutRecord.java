package cn.moralbank.kiosk.checkout;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** The command-side row of one checkout (see V23__checkout.sql). */
@MappedEntity("checkout")
public record CheckoutRecord(@Id String checkoutId, long receiptNo, long supermarketId, String device,
                             String basketHash, @Nullable String householdId, @Nullable String householdName,
                             @Nullable String cardNumber, CheckoutStatus status, long totalPoints, long cardPoints,
                             long voucherPoints, long changePoints, String payerHouseholdId,
                             @Nullable Long balanceAfter, @Nullable String refusalCode, @Nullable String refusalArgs,
                             Instant createdAt, @Nullable Instant finishedAt, @Nullable Instant refundedAt,
                             @Nullable String refundedBy, @Nullable String refundReason) {
}
