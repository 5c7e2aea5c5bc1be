package cn.moralbank.points.voucher;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.Projection;
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

    private final VoucherViewRepository views;
    private final ViewTables tables;

    VoucherViews(VoucherViewRepository views, ViewTables tables) {
        this.views = views;
        this.tables = tables;
    }

    @EventHandler
    void on(VoucherIssued e, @SequenceNumber long seq, @MetaDataValue(Actor.META_USER) String user) {
        views.issued(e.serial().value(), e.householdId().value(), e.points(), e.countyPath(), e.villagePath(),
                e.batchId(), e.issuedAt(), user == null ? "" : user, seq);
    }

    @EventHandler
    void on(VoucherRedeemed e, @SequenceNumber long seq) {
        views.redeemed(e.serial().value(), e.redemptionRef(), e.supermarket(), e.redeemedAt(), seq);
    }

    @EventHandler
    void on(VoucherRedemptionCancelled e, @SequenceNumber long seq) {
        views.redemptionCancelled(e.serial().value(), seq);
    }

    @EventHandler
    void on(VoucherVoided e, @SequenceNumber long seq) {
        views.voided(e.serial().value(), e.reason(), e.voidedAt(), seq);
    }

    @ResetHandler
    void reset() {
        tables.empty("voucher_view");
    }
}
