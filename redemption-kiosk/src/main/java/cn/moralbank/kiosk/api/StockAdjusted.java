package cn.moralbank.kiosk.api;

import org.jmolecules.event.annotation.DomainEvent;

/** {@code change} is signed; {@code onHandAfter} is the book quantity after it. */
@DomainEvent
public record StockAdjusted(SupermarketId supermarketId, String adjustmentId, ProductId productId,
                            String productName, AdjustmentKind kind, long change, long onHandAfter, String reason) {
}
