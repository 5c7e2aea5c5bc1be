package cn.moralbank.points.voucher;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.Projection;
import cn.moralbank.points.common.BatchedStatements;
import cn.moralbank.points.common.ViewTables;
import cn.moralbank.points.voucher.api.VoucherIssued;
import cn.moralbank.points.voucher.api.VoucherRedeemed;
import cn.moralbank.points.voucher.api.VoucherRedemptionCancelled;
import cn.moralbank.points.voucher.api.VoucherVoided;
import jakarta.inject.Singleton;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;

/**
 * The vouchers read model: one row per voucher with its current status and the sequence number of the event that
 * set it, so an event delivered twice or late never moves a voucher back. Emptied by a reset for a replay.
 */
@Singleton
@ProcessingGroup(VoucherViews.NAME)
class VoucherViews implements Projection {
    static final String NAME = "voucher-views";

    private final BatchedStatements statements;
    private final ViewTables tables;

    VoucherViews(BatchedStatements statements, ViewTables tables) {
        this.statements = statements;
        this.tables = tables;
    }

    // each write joins its batch's JDBC batch, in order per voucher (BatchedStatements); a later event of a voucher
    // (seq) never goes back on an earlier one

    @EventHandler
    void on(VoucherIssued e, @SequenceNumber long seq, @MetaDataValue(Actor.META_USER) String user) {
        statements.add(NAME, e.serial().value(), """
                INSERT INTO voucher_view (serial, household_id, points, county_path, village_path, batch_id, status,
                  issued_at, issued_by, seq)
                VALUES (?, ?, ?, ?, ?, ?, 'ISSUED', ?, ?, ?)
                ON CONFLICT (serial) DO NOTHING""", e.serial().value(), e.householdId().value(), e.points(),
                e.countyPath(), e.villagePath(), e.batchId(), e.issuedAt(), user == null ? "" : user, seq);
    }

    @EventHandler
    void on(VoucherRedeemed e, @SequenceNumber long seq) {
        statements.add(NAME, e.serial().value(), """
                UPDATE voucher_view SET status = 'REDEEMED', redemption_ref = ?, supermarket = ?, redeemed_at = ?,
                  seq = ? WHERE serial = ? AND seq < ?""", e.redemptionRef(), e.supermarket(), e.redeemedAt(), seq,
                e.serial().value(), seq);
    }

    @EventHandler
    void on(VoucherRedemptionCancelled e, @SequenceNumber long seq) {
        statements.add(NAME, e.serial().value(), """
                UPDATE voucher_view SET status = 'ISSUED', redemption_ref = NULL, supermarket = NULL,
                  redeemed_at = NULL, seq = ? WHERE serial = ? AND seq < ?""", seq, e.serial().value(), seq);
    }

    @EventHandler
    void on(VoucherVoided e, @SequenceNumber long seq) {
        statements.add(NAME, e.serial().value(), """
                UPDATE voucher_view SET status = 'VOIDED', void_reason = ?, voided_at = ?, seq = ?
                WHERE serial = ? AND seq < ?""", e.reason(), e.voidedAt(), seq, e.serial().value(), seq);
    }

    @ResetHandler
    void reset() {
        tables.empty("voucher_view");
    }
}
