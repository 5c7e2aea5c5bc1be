package cn.moralbank.points.voucher.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Withdraws an unspent voucher (lost, misprinted); its points go back to the household's account. */
public record VoidVoucherCommand(@TargetAggregateIdentifier VoucherSerial serial, String reason, Instant voidedAt) {
}
