package cn.moralbank.kiosk.sales;

import cn.moralbank.kiosk.api.SaleLine;
import cn.moralbank.kiosk.api.StockReturned;
import cn.moralbank.kiosk.api.StockSold;
import cn.moralbank.kiosk.stock.ViewPositions;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.Projection;
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
 * day, whatever zone the server runs in), and which of it came back.
 */
@Singleton
@ProcessingGroup(SalesViews.NAME)
class SalesViews implements Projection {
    static final String NAME = "kiosk-sales-views";

    private final SaleLineRepository sales;
    private final ZoneId zone;
    private final ViewPositions positions;

    SalesViews(SaleLineRepository sales, Clock clock, ViewPositions positions) {
        this.sales = sales;
        this.zone = clock.getZone();
        this.positions = positions;
    }

    @EventHandler
    void on(StockSold e, @SequenceNumber long seq, @MetaDataValue(Actor.META_DEVICE) String device,
            @MetaDataValue(Actor.META_USER) String user) {
        if (!positions.advance(NAME, e.supermarketId().toString(), seq)) {
            return;
        }
        for (SaleLine line : e.lines()) {
            var key = new SaleLineView.Key(e.checkoutId().value(), line.productId().value());
            if (sales.existsById(key)) {
                continue;
            }
            sales.save(new SaleLineView(key, e.supermarketId().value(), e.householdId().value(), line.productName(),
                    line.quantity(), line.unitPoints(), line.points(), e.soldAt(),
                    e.soldAt().atZone(zone).toLocalDate(), device != null ? device : user == null ? "" : user, null));
        }
    }

    @EventHandler
    void on(StockReturned e, @SequenceNumber long seq) {
        if (!positions.advance(NAME, e.supermarketId().toString(), seq)) {
            return;
        }
        sales.returned(e.checkoutId().value(), e.returnedAt());
    }

    @ResetHandler
    void reset() {
        positions.reset(NAME);
        sales.deleteAll();
    }
}
