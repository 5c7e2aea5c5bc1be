package cn.moralbank.points.voucher.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Spends a voucher at a supermarket. {@code redemptionRef} is the caller's id of the purchase (a checkout): the same
 * reference again is a retry and answers as the first time did; any other reference is refused.
 * {@code redeemerPath} is the region path of the kiosk or operator, which must lie in the voucher's county.
 */
public record RedeemVoucherCommand(@TargetAggregateIdentifier VoucherSerial serial, String redemptionRef,
                                   String supermarket, String redeemerPath, Instant redeemedAt) {
}
