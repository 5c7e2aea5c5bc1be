package cn.moralbank.points.voucher.api;

import org.jmolecules.event.annotation.DomainEvent;

@DomainEvent
public record VoucherRedemptionCancelled(VoucherSerial serial, String redemptionRef, String reason) {
}
