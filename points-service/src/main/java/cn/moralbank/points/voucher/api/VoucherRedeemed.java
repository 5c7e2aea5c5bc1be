package cn.moralbank.points.voucher.api;

import cn.moralbank.points.ledger.api.HouseholdId;

import java.time.Instant;

public record VoucherRedeemed(VoucherSerial serial, HouseholdId householdId, long points, String redemptionRef,
                              String supermarket, Instant redeemedAt) {
}
