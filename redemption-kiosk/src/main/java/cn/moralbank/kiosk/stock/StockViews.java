package cn.moralbank.kiosk.stock;

import cn.moralbank.kiosk.api.*;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.BatchedStatements;
import cn.moralbank.points.common.Projection;
import cn.moralbank.points.common.ViewTables;
import jakarta.inject.Singleton;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;

import java.time.Instant;

/**
 * Stock per product, the donation ledger and the adjustments, from the stock book's events. Each event is applied
 * once, in the same transaction as the processor's token, guarded by the view's position per supermarket (see
 * {@link ViewPositions}), so the counters never move twice for one event. The counters' changes are sent together
 * when the batch commits, in event order per supermarket ({@link BatchedStatements}).
 */
@Singleton
@ProcessingGroup(StockViews.NAME)
class StockViews implements Projection {
    static final String NAME = "kiosk-stock-views";

    private final StockViewRepositories.Levels levels;
    private final StockViewRepositories.Donations donations;
    private final StockViewRepositories.Adjustments adjustments;
    private final ViewPositions positions;
    private final BatchedStatements statements;
    private final ViewTables tables;

    StockViews(StockViewRepositories.Levels levels, StockViewRepositories.Donations donations,
               StockViewRepositories.Adjustments adjustments, ViewPositions positions,
               BatchedStatements statements, ViewTables tables) {
        this.levels = levels;
        this.tables = tables;
        this.donations = donations;
        this.adjustments = adjustments;
        this.positions = positions;
        this.statements = statements;
    }

    /** Adds signed changes to a product's row, creating it at zero first. */
    private void add(long shop, long product, long onHand, long reserved, long donated, long sold, long returned,
                     long writtenOff, long countedChange, Instant at) {
        statements.add(NAME, Long.toString(shop), """
                INSERT INTO stock_level (supermarket_id, product_id, on_hand, reserved, donated, sold, returned,
                  written_off, counted_change, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (supermarket_id, product_id) DO UPDATE SET
                  on_hand = stock_level.on_hand + excluded.on_hand,
                  reserved = stock_level.reserved + excluded.reserved,
                  donated = stock_level.donated + excluded.donated,
                  sold = stock_level.sold + excluded.sold,
                  returned = stock_level.returned + excluded.returned,
                  written_off = stock_level.written_off + excluded.written_off,
                  counted_change = stock_level.counted_change + excluded.counted_change,
                  updated_at = excluded.updated_at""", shop, product, onHand, reserved, donated, sold, returned,
                writtenOff, countedChange, at);
    }

    private boolean fresh(SupermarketId shop, long seq) {
        return positions.advance(NAME, shop.toString(), seq);
    }

    @EventHandler
    void on(DonationReceived e, @SequenceNumber long seq, @Timestamp Instant at,
            @MetaDataValue(Actor.META_USER) String user) {
        if (!fresh(e.supermarketId(), seq)) {
            return;
        }
        long shop = e.supermarketId().value();
        for (DonationLine line : e.lines()) {
            var key = new DonationLineView.Key(e.donationId().value(), line.productId().value());
            if (donations.existsById(key)) {
                continue;
            }
            donations.save(new DonationLineView(key, shop, e.donor(), e.donorKind(), line.productName(),
                    line.quantity(), line.declaredValueFen(), e.receivedOn(), e.note(), nz(user), at));
            add(shop, line.productId().value(), line.quantity(), 0, line.quantity(), 0, 0, 0, 0, at);
        }
    }

    @EventHandler
    void on(StockAdjusted e, @SequenceNumber long seq, @Timestamp Instant at,
            @MetaDataValue(Actor.META_USER) String user) {
        if (!fresh(e.supermarketId(), seq) || adjustments.existsById(e.adjustmentId())) {
            return;
        }
        long shop = e.supermarketId().value();
        adjustments.save(new AdjustmentView(e.adjustmentId(), shop, e.productId().value(), e.productName(), e.kind(),
                e.change(), e.onHandAfter(), e.reason(), nz(user), at));
        boolean counted = e.kind() == AdjustmentKind.COUNTED;
        add(shop, e.productId().value(), e.change(), 0, 0, 0, 0, counted ? 0 : -e.change(),
                counted ? e.change() : 0, at);
    }

    @EventHandler
    void on(StockReserved e, @SequenceNumber long seq, @Timestamp Instant at) {
        if (!fresh(e.supermarketId(), seq)) {
            return;
        }
        for (SaleLine line : e.lines()) {
            add(e.supermarketId().value(), line.productId().value(), 0, line.quantity(), 0, 0, 0, 0, 0, at);
        }
    }

    @EventHandler
    void on(StockReleased e, @SequenceNumber long seq, @Timestamp Instant at) {
        if (!fresh(e.supermarketId(), seq)) {
            return;
        }
        for (SaleLine line : e.lines()) {
            add(e.supermarketId().value(), line.productId().value(), 0, -line.quantity(), 0, 0, 0, 0, 0, at);
        }
    }

    @EventHandler
    void on(StockSold e, @SequenceNumber long seq, @Timestamp Instant at) {
        if (!fresh(e.supermarketId(), seq)) {
            return;
        }
        for (SaleLine line : e.lines()) {
            add(e.supermarketId().value(), line.productId().value(), -line.quantity(), -line.quantity(), 0,
                    line.quantity(), 0, 0, 0, at);
        }
    }

    @EventHandler
    void on(StockReturned e, @SequenceNumber long seq, @Timestamp Instant at) {
        if (!fresh(e.supermarketId(), seq)) {
            return;
        }
        for (SaleLine line : e.lines()) {
            add(e.supermarketId().value(), line.productId().value(), line.quantity(), 0, 0, 0,
                    line.quantity(), 0, 0, at);
        }
    }

    @ResetHandler
    void reset() {
        positions.reset(NAME);
        tables.empty("stock_level", "donation_line_view", "stock_adjustment_view");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
