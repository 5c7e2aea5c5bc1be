package cn.moralbank.kiosk.sales;

import cn.moralbank.kiosk.api.SaleLine;
import cn.moralbank.kiosk.api.StockReturned;
import cn.moralbank.kiosk.api.StockSold;
import cn.moralbank.kiosk.stock.ViewPositions;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.BatchedStatements;
import cn.moralbank.points.common.Projection;
import cn.moralbank.points.common.ViewTables;
import jakarta.inject.Singleton;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;

import java.time.Clock;
import java.time.ZoneId;

/**
 * Sales lines from the stock book's sales and returns: what sold each day at each supermarket (the villages' local
 * day, whatever zone the server runs in), and which of it came back. Written when the processor's batch commits,
 * in event order per supermarket ({@link BatchedStatements}).
 */
@Singleton
@ProcessingGroup(SalesViews.NAME)
class SalesViews implements Projection {
    static final String NAME = "kiosk-sales-views";

    private final SaleLineRepository sales;
    private final ZoneId zone;
    private final ViewPositions positions;
    private final BatchedStatements statements;
    private final ViewTables tables;

    SalesViews(SaleLineRepository sales, Clock clock, ViewPositions positions, BatchedStatements statements,
               ViewTables tables) {
        this.sales = sales;
        this.tables = tables;
        this.zone = clock.getZone();
        this.positions = positions;
        this.statements = statements;
    }

    @EventHandler
    void on(StockSold e, @SequenceNumber long seq, @MetaDataValue(Actor.META_DEVICE) String device,
            @MetaDataValue(Actor.META_USER) String user) {
        String shop = e.supermarketId().toString();
        if (!positions.advance(NAME, shop, seq)) {
            return;
        }
        for (SaleLine line : e.lines()) {
            // a line already there (the same product twice in one sale) is kept as it is
            statements.add(NAME, shop, """
                    INSERT INTO sale_line_view (checkout_id, product_id, supermarket_id, household_id, product_name,
                      quantity, unit_points, points, sold_at, sold_on, device, returned_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL) ON CONFLICT DO NOTHING""", e.checkoutId().value(),
                    line.productId().value(), e.supermarketId().value(), e.householdId().value(), line.productName(),
                    line.quantity(), line.unitPoints(), line.points(), e.soldAt(),
                    e.soldAt().atZone(zone).toLocalDate(), device != null ? device : user == null ? "" : user);
        }
    }

    @EventHandler
    void on(StockReturned e, @SequenceNumber long seq) {
        String shop = e.supermarketId().toString();
        if (!positions.advance(NAME, shop, seq)) {
            return;
        }
        // the lines the event names: all of a checkout's, or those a villager brought back
        for (var line : e.lines()) {
            statements.add(NAME, shop, "UPDATE sale_line_view SET returned_at = ? WHERE checkout_id = ? AND product_id = ?",
                    e.returnedAt(), e.checkoutId().value(), line.productId().value());
        }
    }

    @ResetHandler
    void reset() {
        positions.reset(NAME);
        tables.empty("sale_line_view");
    }
}
