package cn.moralbank.kiosk.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A correction of stock with its reason: damaged or expired goods taken out ({@code quantity} removed), or a
 * count ({@code quantity} is what is on the shelf). {@code adjustmentId} is the form's id, so a double submit counts
 * once.
 */
public record AdjustStockCommand(@TargetAggregateIdentifier SupermarketId supermarketId, String adjustmentId,
                                 ProductId productId, String productName, AdjustmentKind kind, long quantity,
                                 String reason) {
    /** The quantity checked by the value type when the command is made: a count may be 0, a removal not. */
    public AdjustStockCommand {
        if (kind == AdjustmentKind.COUNTED) {
            Quantity.counted(quantity, productName);
        } else {
            Quantity.ofGoods(quantity, Quantity.MAX_GOODS, productName);
        }
    }
}
