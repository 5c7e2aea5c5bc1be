package cn.moralbank.points.voucher.api;

import cn.moralbank.points.ledger.api.HouseholdId;
import org.jmolecules.event.annotation.DomainEvent;

import java.time.Instant;

@DomainEvent
public record VoucherRedeemed(VoucherSerial serial, HouseholdId householdId, long points, String redemptionRef,
                              String supermarket, Instant redeemedAt) {
}
