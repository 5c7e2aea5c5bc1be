package cn.moralbank.kiosk.api;

import cn.moralbank.points.ledger.api.HouseholdId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.YearMonth;
import java.util.List;

/**
 * Sets goods aside for a checkout, all lines or none: refused when any product is short or a household's monthly
 * limit would be passed. The same checkout again with the same basket answers as before.
 */
public record ReserveStockCommand(@TargetAggregateIdentifier SupermarketId supermarketId, CheckoutId checkoutId,
                                  HouseholdId householdId, YearMonth month, List<SaleLine> lines) {
    /** Each line's quantity checked by the value type when the command is made. */
    public ReserveStockCommand {
        if (lines != null) {
            lines.forEach(l -> Quantity.ofGoods(l.quantity(), Quantity.MAX_RESERVED, l.productName()));
        }
    }
}
