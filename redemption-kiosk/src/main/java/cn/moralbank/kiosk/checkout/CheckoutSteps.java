package cn.moralbank.kiosk.checkout;

import cn.moralbank.kiosk.api.CheckoutId;
import cn.moralbank.kiosk.api.ConfirmSaleCommand;
import cn.moralbank.kiosk.api.KioskRefusal;
import cn.moralbank.kiosk.api.ReleaseStockCommand;
import cn.moralbank.kiosk.api.ReserveStockCommand;
import cn.moralbank.kiosk.stock.StockCommands;
import cn.moralbank.kiosk.supermarket.Supermarket;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.household.Households;
import cn.moralbank.points.ledger.Ledger;
import cn.moralbank.points.ledger.api.CreditCommand;
import cn.moralbank.points.ledger.api.DebitCommand;
import cn.moralbank.points.ledger.api.EntryId;
import cn.moralbank.points.ledger.api.EntryResult;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.voucher.Vouchers;
import cn.moralbank.points.voucher.api.VoucherSerial;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The commands a checkout sends, in order: stock reserved, vouchers spent, the card debited, change credited, the
 * sale confirmed. Each keeps an id derived from the checkout's (the stock book's basket, the voucher's redemption
 * reference, the ledger entry {@code checkout:<id>}), so each is safe to send again.
 */
@Singleton
class CheckoutSteps {
    private final StockCommands stock;
    private final Vouchers vouchers;
    private final Ledger ledger;
    private final Households households;
    private final Clock clock;

    CheckoutSteps(StockCommands stock, Vouchers vouchers, Ledger ledger, Households households, Clock clock) {
        this.households = households;
        this.stock = stock;
        this.vouchers = vouchers;
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * The checkout's steps, in the caller's transaction: each a command whose events wait for the commit. The card's
     * balance after it, or null when vouchers paid it all.
     */
    Long apply(Actor actor, Supermarket shop, CheckoutId id, Steps steps) {
        String ref = steps.ref(id);
        stock.send(actor, new ReserveStockCommand(shop.supermarketId(), id, steps.payer(), steps.month(),
                steps.lines()));
        for (VoucherSerial serial : steps.serials()) {
            try {
                vouchers.redeem(actor, serial, ref, shop.supermarketId().toString());
            } catch (NotFound unknown) {
                throw new KioskRefusal("voucher.not-found", serial.value());
            }
        }
        Long balanceAfter = null;
        if (steps.cardPoints() > 0) {
            EntryResult debit = ledger.debit(actor, new DebitCommand(new HouseholdId(steps.cardHousehold()),
                    new EntryId(ref), steps.cardPoints(), ref, CheckoutPolicy.passbookReason(shop.name(),
                    steps.lines())));
            if (!debit.applied()) {
                throw new KioskRefusal("checkout.points.insufficient", steps.cardPoints(), debit.balanceAfter());
            }
            balanceAfter = debit.balanceAfter();
        }
        if (steps.changePoints() > 0) {
            // vouchers of a household merged into another (合户) since they were issued: their change goes to the
            // household holding its points now (its account is closed), as a refund's does
            HouseholdId holder = households.holderNow(steps.payer());
            EntryResult change = ledger.credit(actor, new CreditCommand(holder, new EntryId(ref + ":change"),
                    steps.changePoints(), ref, (holder.equals(steps.payer()) ? "积分券找零 "
                    : "积分券找零（持券户已合户并入本户） ") + shop.name()));
            if (steps.cardHousehold() != null) {
                balanceAfter = change.balanceAfter();
            }
        }
        stock.send(actor, new ConfirmSaleCommand(shop.supermarketId(), id, clock.instant()));
        return balanceAfter;
    }

    /**
     * Undoes what an earlier version's node had committed step by step before it died (vouchers spent, stock set
     * aside), when the rest of that checkout is refused now. Each step is safe to repeat.
     */
    void undo(Actor actor, Supermarket shop, CheckoutId id, Steps steps, String why) {
        String ref = steps.ref(id);
        for (VoucherSerial serial : steps.serials()) {
            try {
                vouchers.cancelRedemption(actor, serial, ref, CheckoutPolicy.shorten(why, 200));
            } catch (NotFound unknown) {
                // never issued: nothing was spent
            }
        }
        stock.send(actor, new ReleaseStockCommand(shop.supermarketId(), id, CheckoutPolicy.shorten(why, 200)));
    }
}
