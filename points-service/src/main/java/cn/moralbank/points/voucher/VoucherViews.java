package cn.moralbank.points.voucher;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.Projection;
import cn.moralbank.points.voucher.api.*;
import jakarta.inject.Singleton;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MetaDataValue;

/** The vouchers read model: one row per voucher with its current status; emptied by a reset for a replay. */
@Singleton
@ProcessingGroup(VoucherViews.NAME)
class VoucherViews implements Projection {
    static final String NAME = "voucher-views";

    private final VoucherViewRepository views;

    VoucherViews(VoucherViewRepository views) {
        this.views = views;
    }

    @EventHandler
    void on(VoucherIssued e, @MetaDataValue(Actor.META_USER) String user) {
        if (views.existsById(e.serial().value())) {
            return;
        }
        views.save(new VoucherView(e.serial().value(), e.householdId().value(), e.points(), e.countyPath(),
                e.villagePath(), e.batchId(), VoucherStatus.ISSUED, e.issuedAt(), user == null ? "" : user, null,
                null, null, null, null));
    }

    @EventHandler
    void on(VoucherRedeemed e) {
        views.redeemed(e.serial().value(), e.redemptionRef(), e.supermarket(), e.redeemedAt());
    }

    @EventHandler
    void on(VoucherRedemptionCancelled e) {
        views.redemptionCancelled(e.serial().value());
    }

    @EventHandler
    void on(VoucherVoided e) {
        views.voided(e.serial().value(), e.reason(), e.voidedAt());
    }

    @ResetHandler
    void reset() {
        views.deleteAll();
    }
}
