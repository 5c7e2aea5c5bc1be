package cn.moralbank.kiosk.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Goods of a refunded checkout come back on the shelf: all of them ({@code products} null), or the lines of these
 * products only (a villager returns one of three items). Each line comes back at most once.
 */
public record ReturnStockCommand(@TargetAggregateIdentifier SupermarketId supermarketId, CheckoutId checkoutId,
                                 String reason, Instant returnedAt, List<ProductId> products) {

    /** The whole checkout. */
    public ReturnStockCommand(SupermarketId supermarketId, CheckoutId checkoutId, String reason, Instant returnedAt) {
        this(supermarketId, checkoutId, reason, returnedAt, null);
    }
}
