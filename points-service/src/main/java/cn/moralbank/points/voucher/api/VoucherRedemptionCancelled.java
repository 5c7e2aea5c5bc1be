package cn.moralbank.points.voucher.api;

public record VoucherRedemptionCancelled(VoucherSerial serial, String redemptionRef, String reason) {
}
