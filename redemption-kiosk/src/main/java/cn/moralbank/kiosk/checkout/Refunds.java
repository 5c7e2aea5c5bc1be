package cn.moralbank.kiosk.checkout;

import cn.moralbank.kiosk.api.CheckoutId;
import cn.moralbank.kiosk.api.KioskRefusal;
import cn.moralbank.kiosk.api.ReturnStockCommand;
import cn.moralbank.kiosk.stock.StockCommands;
import cn.moralbank.kiosk.supermarket.Supermarket;
import cn.moralbank.kiosk.supermarket.Tills;
import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.ledger.Ledger;
import cn.moralbank.points.ledger.api.CreditCommand;
import cn.moralbank.points.ledger.api.EntryId;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.ledger.api.ReverseCommand;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Refunds of a recent checkout by the supermarket's operator: the goods come back on the shelf, the card's debit is
 * reversed ({@code refund:<id>}), and what vouchers paid is credited to the payer ({@code refund:<id>:vouchers}).
 * Exactly once: under the checkout's row lock, each step with an id derived from the checkout's, so a refund
 * pressed twice, or repeated after a crash half-way, returns nothing twice.
 */
@Singleton
public class Refunds {
    private final Tills tills;
    private final Checkouts checkouts;
    private final CheckoutRepositories.Checkouts records;
    private final StockCommands stock;
    private final Ledger ledger;
    private final DataSource dataSource;
    private final KioskSettings settings;
    private final Clock clock;

    Refunds(Tills tills, Checkouts checkouts, CheckoutRepositories.Checkouts records, StockCommands stock,
            Ledger ledger, DataSource dataSource, KioskSettings settings, Clock clock) {
        this.tills = tills;
        this.checkouts = checkouts;
        this.records = records;
        this.stock = stock;
        this.ledger = ledger;
        this.dataSource = dataSource;
        this.settings = settings;
        this.clock = clock;
    }

    public int refundDays() {
        return settings.refundDays();
    }

    public CheckoutResult refund(Actor actor, CheckoutId id, String reason) {
        if (actor.role() != Role.SUPERMARKET_OPERATOR) {
            throw new AccessDenied("refunds are made by the supermarket's operator");
        }
        Supermarket shop = tills.of(actor);
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 200) {
            throw new KioskRefusal("refund.reason.missing");
        }
        try (CheckoutLock lock = CheckoutLock.lock(dataSource, id.value(), 30, false)) {
            if (lock == null) {
                throw new NotFound("checkout.not-found", id.value());
            }
            if (lock.supermarketId != shop.id()) {
                throw new AccessDenied("checkout " + id.value());
            }
            CheckoutRecord record = records.findById(id.value()).orElseThrow();
            if (record.status() == CheckoutStatus.REFUNDED) {
                return checkouts.view(record, true);
            }
            if (record.status() != CheckoutStatus.COMPLETED) {
                throw new KioskRefusal("refund.not-completed", record.receiptNo());
            }
            Instant now = clock.instant();
            if (record.finishedAt().plus(Duration.ofDays(settings.refundDays())).isBefore(now)) {
                throw new KioskRefusal("refund.too-late", record.receiptNo(), settings.refundDays());
            }
            String ref = "refund:" + id.value();
            stock.send(actor, new ReturnStockCommand(shop.supermarketId(), id, why, now));
            if (record.cardPoints() > 0) {
                ledger.reverse(actor, new ReverseCommand(new HouseholdId(record.householdId()), new EntryId(ref),
                        new EntryId("checkout:" + id.value()), "退货：" + why));
            }
            if (record.voucherPoints() > 0) {
                ledger.credit(actor, new CreditCommand(new HouseholdId(record.payerHouseholdId()),
                        new EntryId(ref + ":vouchers"), record.voucherPoints(), ref, "退货退回积分券的积分：" + why));
            }
            lock.refunded(id.value(), actor.userId(), why, now);
        } catch (SQLException e) {
            if ("55P03".equals(e.getSQLState())) {
                throw new KioskRefusal("checkout.busy");
            }
            throw new IllegalStateException("refund " + id.value(), e);
        }
        return checkouts.view(records.findById(id.value()).orElseThrow(), false);
    }

    /** A checkout of the operator's supermarket by its receipt number, for the refund form. */
    public CheckoutResult byReceipt(Actor actor, long receiptNo) {
        Supermarket shop = tills.of(actor);
        CheckoutRecord record = records.findByReceiptNo(receiptNo)
                .filter(r -> r.supermarketId() == shop.id())
                .orElseThrow(() -> new NotFound("checkout.receipt.not-found", receiptNo));
        return checkouts.view(record, true);
    }
}
