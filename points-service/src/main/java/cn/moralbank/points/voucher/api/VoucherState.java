package cn.moralbank.points.voucher.api;

import cn.moralbank.points.ledger.api.HouseholdId;

/** A voucher as its aggregate answers a command: whose it is, what it is worth, where it stands. */
public record VoucherState(VoucherSerial serial, HouseholdId householdId, long points, VoucherStatus status,
                           String redemptionRef) {
}
