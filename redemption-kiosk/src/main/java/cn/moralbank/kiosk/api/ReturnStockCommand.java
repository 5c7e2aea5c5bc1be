package cn.moralbank.kiosk.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Goods of a refunded checkout come back on the shelf; at most once per checkout. */
public record ReturnStockCommand(@TargetAggregateIdentifier SupermarketId supermarketId, CheckoutId checkoutId,
                                 String reason, Instant returnedAt) {
}
