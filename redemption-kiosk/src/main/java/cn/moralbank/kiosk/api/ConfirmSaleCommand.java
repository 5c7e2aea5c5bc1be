package cn.moralbank.kiosk.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The checkout was paid: its reserved goods leave the stock for good. Safe to repeat. */
public record ConfirmSaleCommand(@TargetAggregateIdentifier SupermarketId supermarketId, CheckoutId checkoutId,
                                 Instant soldAt) {
}
