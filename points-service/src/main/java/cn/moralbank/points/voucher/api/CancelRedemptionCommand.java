package cn.moralbank.points.voucher.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Undoes a redemption whose purchase did not go through (the other side of a checkout refused): the voucher is
 * valid again. Only the redemption with this reference is undone; anything else is left as it is, so the
 * compensation can be repeated safely.
 */
public record CancelRedemptionCommand(@TargetAggregateIdentifier VoucherSerial serial, String redemptionRef,
                                      String reason) {
}
