package cn.moralbank.kiosk.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Puts a checkout's reserved goods back on the shelf because its payment was refused. Safe to repeat. */
public record ReleaseStockCommand(@TargetAggregateIdentifier SupermarketId supermarketId, CheckoutId checkoutId,
                                  String reason) {
}
