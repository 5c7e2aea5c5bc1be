package cn.moralbank.points.voucher.api;

import cn.moralbank.points.ledger.api.HouseholdId;
import org.jmolecules.event.annotation.DomainEvent;

import java.time.Instant;

@DomainEvent
public record VoucherIssued(VoucherSerial serial, HouseholdId householdId, long points, String countyPath,
                            String villagePath, String batchId, Instant issuedAt) {
}
