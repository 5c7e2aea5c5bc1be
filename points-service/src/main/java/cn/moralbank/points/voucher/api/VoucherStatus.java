package cn.moralbank.points.voucher.api;

/** Where a voucher stands: valid to spend, spent at a supermarket, or voided with its points back on the account. */
public enum VoucherStatus {
    ISSUED, REDEEMED, VOIDED
}
