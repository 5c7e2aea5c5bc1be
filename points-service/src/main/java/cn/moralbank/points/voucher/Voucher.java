package cn.moralbank.points.voucher;

import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.voucher.api.*;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.jmolecules.architecture.onion.simplified.DomainRing;
import org.jmolecules.ddd.annotation.AggregateRoot;
import org.jmolecules.ddd.annotation.Identity;

import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A love points voucher (爱心积分券). Invariants: it is spent at most once, and only in its own county; a voided
 * voucher is never spent and a spent one never voided; every command can be repeated after a crash or a network
 * retry and answers as the first time did. The points themselves live in the household's account: the services
 * around it debit on issue and credit back on void.
 */
@AggregateRoot
@DomainRing
class Voucher {

    @AggregateIdentifier
    @Identity
    private VoucherSerial serial;
    private HouseholdId householdId;
    private long points;
    private String countyPath;
    private String batchId;
    private VoucherStatus status;
    private String redemptionRef;

    Voucher() {
        // for Axon
    }

    /** Create-if-missing, so a retried issue finds the voucher it made the first time and changes nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    VoucherState handle(IssueVoucherCommand c) {
        if (serial != null) {
            boolean same = householdId.equals(c.householdId()) && points == c.points()
                    && Objects.equals(batchId, c.batchId());
            if (!same) {
                throw new VoucherRefusal("voucher.serial.taken", serial.value());
            }
            return state();
        }
        if (c.countyPath() == null || !c.villagePath().startsWith(c.countyPath())) {
            throw new VoucherRefusal("voucher.county.invalid", c.countyPath());
        }
        apply(new VoucherIssued(c.serial(), c.householdId(), c.points(), c.countyPath(), c.villagePath(),
                c.batchId(), c.issuedAt()));
        return state();
    }

    @CommandHandler
    VoucherState handle(RedeemVoucherCommand c) {
        switch (status) {
            case VOIDED -> throw new VoucherRefusal("voucher.voided", serial.value());
            case REDEEMED -> {
                if (redemptionRef.equals(c.redemptionRef())) {
                    return state();
                }
                throw new VoucherRefusal("voucher.redeemed", serial.value());
            }
            case ISSUED -> {
                if (c.redeemerPath() == null || !c.redeemerPath().startsWith(countyPath)) {
                    throw new VoucherRefusal("voucher.other-county", serial.value());
                }
                apply(new VoucherRedeemed(serial, householdId, points, c.redemptionRef(), c.supermarket(),
                        c.redeemedAt()));
            }
        }
        return state();
    }

    @CommandHandler
    VoucherState handle(CancelRedemptionCommand c) {
        if (status == VoucherStatus.REDEEMED && redemptionRef.equals(c.redemptionRef())) {
            apply(new VoucherRedemptionCancelled(serial, c.redemptionRef(), c.reason()));
        }
        return state();
    }

    @CommandHandler
    VoucherState handle(VoidVoucherCommand c) {
        switch (status) {
            case REDEEMED -> throw new VoucherRefusal("voucher.void.redeemed", serial.value());
            case ISSUED -> apply(new VoucherVoided(serial, householdId, points, c.reason(), c.voidedAt()));
            case VOIDED -> { } // a repeat: the caller goes on to make sure the points went back
        }
        return state();
    }

    private VoucherState state() {
        return new VoucherState(serial, householdId, points, status, redemptionRef);
    }

    @EventSourcingHandler
    void on(VoucherIssued e) {
        serial = e.serial();
        householdId = e.householdId();
        points = e.points();
        countyPath = e.countyPath();
        batchId = e.batchId();
        status = VoucherStatus.ISSUED;
    }

    @EventSourcingHandler
    void on(VoucherRedeemed e) {
        status = VoucherStatus.REDEEMED;
        redemptionRef = e.redemptionRef();
    }

    @EventSourcingHandler
    void on(VoucherRedemptionCancelled e) {
        status = VoucherStatus.ISSUED;
        redemptionRef = null;
    }

    @EventSourcingHandler
    void on(VoucherVoided e) {
        status = VoucherStatus.VOIDED;
    }
}
