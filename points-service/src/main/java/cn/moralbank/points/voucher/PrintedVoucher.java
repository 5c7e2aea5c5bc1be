package cn.moralbank.points.voucher;

import cn.moralbank.points.voucher.api.VoucherStatus;

import java.time.Instant;

/** A voucher as its printed sheet shows it: with its full code (serial and check code) for the QR code. */
public record PrintedVoucher(String serial, String code, long points, String householdName, String cardNumber,
                             VoucherStatus status, Instant issuedAt) {
}
