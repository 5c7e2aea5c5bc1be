package cn.moralbank.points.voucher.api;

import cn.moralbank.points.ledger.api.HouseholdId;
import org.jmolecules.ddd.annotation.ValueObject;

/** A voucher as its aggregate answers a command: whose it is, what it is worth, where it stands. */
@ValueObject
public record VoucherState(VoucherSerial serial, HouseholdId householdId, long points, VoucherStatus status,
                           String redemptionRef) {
}
