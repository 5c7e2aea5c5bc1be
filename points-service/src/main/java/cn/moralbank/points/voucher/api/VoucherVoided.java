package cn.moralbank.points.voucher.api;

import cn.moralbank.points.ledger.api.HouseholdId;

import java.time.Instant;

public record VoucherVoided(VoucherSerial serial, HouseholdId householdId, long points, String reason,
                            Instant voidedAt) {
}
