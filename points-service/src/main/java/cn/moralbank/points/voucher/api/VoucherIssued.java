package cn.moralbank.points.voucher.api;

import cn.moralbank.points.ledger.api.HouseholdId;

import java.time.Instant;

public record VoucherIssued(VoucherSerial serial, HouseholdId householdId, long points, String countyPath,
                            String villagePath, String batchId, Instant issuedAt) {
}
