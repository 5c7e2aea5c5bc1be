package cn.moralbank.kiosk.checkout;

import cn.moralbank.kiosk.api.CheckoutId;
import cn.moralbank.kiosk.api.KioskRefusal;
import cn.moralbank.kiosk.api.ProductId;
import cn.moralbank.kiosk.api.ReturnStockCommand;
import cn.moralbank.kiosk.stock.StockCommands;
import cn.moralbank.kiosk.supermarket.Supermarket;
import cn.moralbank.kiosk.supermarket.Tills;
import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.common.OneTransaction;
import cn.moralbank.points.household.Households;
import cn.moralbank.points.ledger.Ledger;
import cn.moralbank.points.ledger.api.CreditCommand;
import cn.moralbank.points.ledger.api.EntryId;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.ledger.api.ReverseCommand;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Refunds of a recent checkout by the supermarket's operator: the goods come back on the shelf, the card's debit is
 * reversed ({@code refund:<id>}), and what vouchers paid is credited to the payer ({@code refund:<id>:vouchers}).
 * All of it in one transaction ({@link OneTransaction}) holding the checkout's id, as the checkout itself: a step
 * refused (the payer's debit reversed by hand, an account closed without a merge the households know of) undoes the
 * others, so the goods never come back without the points or the points without the goods. Exactly once: a refund
 * pressed twice finds the checkout refunded; each step's id is derived from the checkout's. A payer merged into
 * another household (合户) since the sale has a closed account: its points go to the household that holds them now
 * ({@link Households#holderNow}), credited there under the same ids.
 */
@Singleton
public class Refunds {
    /** The passbook's reason for points a merged household's refund brings to the household it went into. */
    private static final String MERGED = "退货（付款户已合户并入本户）：";
    private final Tills tills;
    private final Receipts receipts;
    private final CheckoutStore store;
    private final StockCommands stock;
    private final Ledger ledger;
    private final Households households;
    private final KioskSettings settings;
    private final OneTransaction oneTransaction;
    private final Clock clock;

    Refunds(Tills tills, Receipts receipts, CheckoutStore store, StockCommands stock, Ledger ledger,
            Households households, KioskSettings settings, OneTransaction oneTransaction, Clock clock) {
        this.households = households;
        this.oneTransaction = oneTransaction;
        this.tills = tills;
        this.receipts = receipts;
        this.store = store;
        this.stock = stock;
        this.ledger = ledger;
        this.settings = settings;
        this.clock = clock;
    }

    public int refundDays() {
        return settings.refundDays();
    }

    /** The whole checkout: every line not refunded yet. */
    public CheckoutResult refund(Actor actor, CheckoutId id, String reason) {
        return refund(actor, id, reason, null);
    }

    /**
     * Some lines of a checkout ({@code lineNos}; null or empty for all of them). Each line comes back once: its goods
     * on the shelf, its points credited to the household that paid ({@code refund:<id>:line:<n>}); a line refunded
     * before is refused, and the points refunded never add up to more than the checkout's total. When every line
     * has come back the checkout is REFUNDED. A whole checkout refunded at once keeps the earlier path: the card's
     * debit reversed and the vouchers' part credited.
     */
    public CheckoutResult refund(Actor actor, CheckoutId id, String reason, Collection<Integer> lineNos) {
        if (actor.role() != Role.SUPERMARKET_OPERATOR) {
            throw new AccessDenied("refunds are made by the supermarket's operator");
        }
        Supermarket shop = tills.of(actor);
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 200) {
            throw new KioskRefusal("refund.reason.missing");
        }
        boolean repeated = oneTransaction.run(() -> {
            store.hold(id);
            CheckoutRecord record = store.find(id.value())
                    .orElseThrow(() -> new NotFound("checkout.not-found", id.value()));
            if (record.supermarketId() != shop.id()) {
                throw new AccessDenied("checkout " + id.value());
            }
            if (record.status() == CheckoutStatus.REFUNDED) {
                return true;
            }
            if (record.status() != CheckoutStatus.COMPLETED) {
                throw new KioskRefusal("refund.not-completed", record.receiptNo());
            }
            Instant now = clock.instant();
            if (record.finishedAt().plus(Duration.ofDays(settings.refundDays())).isBefore(now)) {
                throw new KioskRefusal("refund.too-late", record.receiptNo(), settings.refundDays());
            }
            List<CheckoutLineRecord> lines = store.lines(id.value());
            Map<Integer, Long> before = store.refundedLines(id.value());
            // none named: every line not refunded yet
            Set<Integer> wanted = new TreeSet<>(lineNos == null || lineNos.isEmpty()
                    ? lines.stream().map(l -> l.key().lineNo()).filter(n -> !before.containsKey(n)).toList()
                    : lineNos);
            for (Integer n : wanted) {
                if (lines.stream().noneMatch(l -> l.key().lineNo() == n)) {
                    throw new KioskRefusal("refund.line.unknown", record.receiptNo(), n);
                }
                if (before.containsKey(n)) {
                    throw new KioskRefusal("refund.line.twice", record.receiptNo(), lineName(lines, n));
                }
            }
            // lines named (the operator's form names them) go line by line; the whole-checkout path is for a refund
            // of everything at once
            if (!before.isEmpty() || (lineNos != null && !lineNos.isEmpty())) {
                refundLines(actor, shop, record, lines, before, wanted, why, now);
                return false;
            }
            String ref = EntryId.REFUND + id.value();
            stock.send(actor, new ReturnStockCommand(shop.supermarketId(), id, why, now));
            if (record.cardPoints() > 0) {
                HouseholdId payer = new HouseholdId(record.householdId());
                HouseholdId holder = households.holderNow(payer);
                if (holder.equals(payer)) {
                    ledger.reverse(actor, new ReverseCommand(payer, new EntryId(ref),
                            new EntryId(EntryId.CHECKOUT + id.value()), "退货：" + why));
                } else {
                    // 合户 since the sale: the payer's account is closed, its points are the other household's now
                    ledger.credit(actor, new CreditCommand(holder, new EntryId(ref), record.cardPoints(), ref,
                            MERGED + why));
                }
            }
            if (record.voucherPoints() > 0) {
                HouseholdId payer = new HouseholdId(record.payerHouseholdId());
                HouseholdId holder = households.holderNow(payer);
                ledger.credit(actor, new CreditCommand(holder, new EntryId(ref + ":vouchers"), record.voucherPoints(),
                        ref, (holder.equals(payer) ? "退货退回积分券的积分：" : MERGED) + why));
            }
            store.refunded(id.value(), actor.userId(), why, now);
            return false;
        });
        return receipts.view(store.find(id.value()).orElseThrow(), repeated);
    }

    /** Refunds these lines (none of them refunded before), in the caller's transaction, which holds the checkout. */
    private void refundLines(Actor actor, Supermarket shop, CheckoutRecord record, List<CheckoutLineRecord> lines,
                             Map<Integer, Long> before, Set<Integer> wanted, String why, Instant now) {
        List<CheckoutLineRecord> back = lines.stream().filter(l -> wanted.contains(l.key().lineNo())).toList();
        long refundedBefore = before.values().stream().mapToLong(Long::longValue).sum();
        long points = back.stream().mapToLong(l -> l.quantity() * l.unitPoints()).sum();
        if (refundedBefore + points > record.totalPoints()) {
            // the lines add up to the total; this guards the sum against a change of that rule
            throw new IllegalStateException("refund of " + record.checkoutId() + " beyond what was paid");
        }
        String ref = EntryId.REFUND + record.checkoutId();
        stock.send(actor, new ReturnStockCommand(shop.supermarketId(), new CheckoutId(record.checkoutId()), why, now,
                back.stream().map(l -> new ProductId(l.productId())).toList()));
        HouseholdId payer = new HouseholdId(record.householdId() != null ? record.householdId()
                : record.payerHouseholdId());
        HouseholdId account = households.holderNow(payer);
        String prefix = account.equals(payer) ? "退货：" : MERGED;
        for (CheckoutLineRecord line : back) {
            long linePoints = line.quantity() * line.unitPoints();
            if (linePoints > 0) {
                ledger.credit(actor, new CreditCommand(account,
                        new EntryId(ref + ":line:" + line.key().lineNo()), linePoints, ref,
                        prefix + line.productName() + "×" + line.quantity() + "：" + why));
            }
        }
        boolean all = before.size() + back.size() == lines.size();
        store.linesRefunded(record.checkoutId(), back.stream().map(l -> l.key().lineNo()).toList(),
                back.stream().map(l -> l.quantity() * l.unitPoints()).toList(), actor.userId(), why, now, all);
    }

    private static String lineName(List<CheckoutLineRecord> lines, int lineNo) {
        return lines.stream().filter(l -> l.key().lineNo() == lineNo).map(CheckoutLineRecord::productName)
                .findFirst().orElse(String.valueOf(lineNo));
    }

    /** A checkout of the operator's supermarket by its receipt number, for the refund form. */
    public CheckoutResult byReceipt(Actor actor, long receiptNo) {
        Supermarket shop = tills.of(actor);
        CheckoutRecord record = store.byReceiptNo(receiptNo)
                .filter(r -> r.supermarketId() == shop.id())
                .orElseThrow(() -> new NotFound("checkout.receipt.not-found", receiptNo));
        return receipts.view(record, true);
    }
}
