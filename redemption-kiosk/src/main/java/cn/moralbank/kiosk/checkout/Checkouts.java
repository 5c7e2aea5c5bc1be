package cn.moralbank.kiosk.checkout;

import cn.moralbank.kiosk.api.*;
import cn.moralbank.kiosk.product.Product;
import cn.moralbank.kiosk.product.Products;
import cn.moralbank.kiosk.stock.StockCommands;
import cn.moralbank.kiosk.supermarket.Supermarket;
import cn.moralbank.kiosk.supermarket.Supermarkets;
import cn.moralbank.kiosk.supermarket.Tills;
import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.rating.Eligibility;
import cn.moralbank.points.rating.RedemptionEligibility;
import cn.moralbank.points.ledger.Ledger;
import cn.moralbank.points.ledger.api.*;
import cn.moralbank.points.voucher.VoucherView;
import cn.moralbank.points.voucher.Vouchers;
import cn.moralbank.points.voucher.api.VoucherRefusal;
import cn.moralbank.points.voucher.api.VoucherSerial;
import cn.moralbank.points.voucher.api.VoucherStatus;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.*;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;

/**
 * Checkout at the kiosk: one idempotent operation per request id. It reserves the basket's stock, spends the
 * scanned vouchers, debits the household card for the rest, and only then marks the goods sold; when any side
 * refuses, what was done is undone (vouchers made spendable again, stock released) and the villager is told why,
 * with nothing taken from either side.
 *
 * <p>Why an orchestrating service and not an Axon saga: the command gateway is synchronous in this JVM, the kiosk
 * waits for the answer anyway, and every step is already idempotent by an id derived from the request id (the stock
 * book's basket, the voucher's redemption reference, the ledger entry {@code checkout:<id>}). What a saga would add
 * is surviving a crash half-way; here the checkout's row in the {@code checkout} table does that: its primary key
 * makes the request id unique across nodes, its row lock (held on a connection of its own while one node drives
 * the checkout) makes a retry arriving at another node wait and then read the first result, and a checkout left
 * half-way by a node that died is driven to its end by {@link UnfinishedCheckouts} with the very same steps.
 */
@Singleton
public class Checkouts {
    static final int MAX_LINES = 30;
    static final long MAX_QUANTITY = Quantity.MAX_IN_BASKET;
    static final int MAX_VOUCHERS = 10;
    private static final String UNIT_SEPARATOR = "\u001f";

    private final Tills tills;
    private final Supermarkets supermarkets;
    private final Products products;
    private final CardPins pins;
    private final Vouchers vouchers;
    private final Ledger ledger;
    private final StockCommands stock;
    private final CheckoutRepositories.Checkouts checkouts;
    private final CheckoutRepositories.Lines lines;
    private final CheckoutRepositories.Vouchers paidWith;
    private final TransactionOperations<Connection> transactions;
    private final DataSource dataSource;
    private final Clock clock;
    private final RedemptionEligibility eligibility;
    /** Not for correctness (the row lock is), but so that checkouts never hold every pooled connection at once. */
    private final Semaphore parallel;

    Checkouts(Tills tills, Supermarkets supermarkets, Products products, CardPins pins, Vouchers vouchers,
              Ledger ledger, StockCommands stock, CheckoutRepositories.Checkouts checkouts,
              CheckoutRepositories.Lines lines, CheckoutRepositories.Vouchers paidWith,
              TransactionOperations<Connection> transactions, DataSource dataSource, KioskSettings settings,
              Clock clock, RedemptionEligibility eligibility) {
        this.eligibility = eligibility;
        this.tills = tills;
        this.supermarkets = supermarkets;
        this.products = products;
        this.pins = pins;
        this.vouchers = vouchers;
        this.ledger = ledger;
        this.stock = stock;
        this.checkouts = checkouts;
        this.lines = lines;
        this.paidWith = paidWith;
        this.transactions = transactions;
        this.dataSource = dataSource;
        this.clock = clock;
        this.parallel = new Semaphore(Math.max(1, settings.parallel()), true);
    }

    /**
     * Checks out a basket. A retry with the same request id and basket answers with the first result and never
     * debits twice; the same request id with another basket is refused. Every refusal before anything is recorded
     * (wrong PIN, forged voucher, changed price, product of another supermarket, bad quantity) leaves the request
     * id unused.
     */
    public CheckoutResult checkout(Actor actor, CheckoutRequest request) {
        Supermarket shop = tills.of(actor);
        if (request.requestId() == null || request.requestId().isBlank()) {
            throw new KioskRefusal("checkout.request.missing");
        }
        CheckoutId id = new CheckoutId(request.requestId());
        checkShape(request);
        List<VoucherSerial> serials = new ArrayList<>();
        for (String code : request.voucherCodes()) {
            VoucherSerial serial = vouchers.verify(code);
            if (serials.contains(serial)) {
                throw new KioskRefusal("checkout.voucher.twice", serial.value());
            }
            serials.add(serial);
        }
        String card = blankToNull(request.cardNumber());
        Household cardHousehold = card == null ? null : pins.verify(actor, card, request.pin());
        String hash = hash(shop, card, request.lines(), serials);
        if (checkouts.existsById(id.value())) {
            return drive(actor, shop, id, hash);
        }
        Plan plan = plan(actor, shop, cardHousehold, request.lines(), serials);
        claim(actor, shop, id, hash, plan);
        return drive(actor, shop, id, hash);
    }

    /** The result of an earlier checkout of this supermarket, e.g. for a kiosk asking after a lost answer. */
    public CheckoutResult result(Actor actor, CheckoutId id) {
        Supermarket shop = tills.of(actor);
        CheckoutRecord record = checkouts.findById(id.value())
                .orElseThrow(() -> new NotFound("checkout.not-found", id.value()));
        if (record.supermarketId() != shop.id()) {
            throw new AccessDenied("checkout " + id.value());
        }
        CheckoutResult result = answer(record, true);
        if (actor.role() == cn.moralbank.points.access.Role.KIOSK && result.finishedAt() != null
                && result.finishedAt().plus(ON_KIOSK).isBefore(clock.instant())) {
            // a kiosk is a public screen: it reads the checkout in progress and the one just finished (to print its
            // receipt), never an older one, which shows another villager's name and balance; the operator's to see
            throw new AccessDenied("checkout " + id.value());
        }
        return result;
    }

    /**
     * How long after a checkout its kiosk may still read it (the API and the receipt page alike): long enough to
     * print the receipt twice.
     */
    public static final java.time.Duration ON_KIOSK = java.time.Duration.ofMinutes(10);

    /** Every checkout begun at a supermarket between two instants (any status), oldest first: for the day's sales. */
    public List<CheckoutResult> between(SupermarketId shop, Instant from, Instant to) {
        return checkouts.between(shop.value(), from, to).stream().map(r -> view(r, true)).toList();
    }

    /** Checkouts refunded between two instants, whenever they were sold. */
    public List<CheckoutResult> refundedBetween(SupermarketId shop, Instant from, Instant to) {
        return checkouts.refundedBetween(shop.value(), from, to).stream().map(r -> view(r, true)).toList();
    }

    /** The refusal of a refused checkout, for the operator's list: its message code and arguments. */
    public Optional<Refusal> refusalOf(String checkoutId) {
        return checkouts.findById(checkoutId).filter(r -> r.status() == CheckoutStatus.REFUSED)
                .map(r -> new Refusal(r.refusalCode(), List.of(splitArgs(r.refusalArgs()))));
    }

    public record Refusal(String code, List<String> arguments) {
    }

    private static void checkShape(CheckoutRequest request) {
        if (request.lines() == null || request.lines().isEmpty()) {
            throw new KioskRefusal("checkout.basket.empty");
        }
        if (request.lines().size() > MAX_LINES) {
            throw new KioskRefusal("checkout.basket.too-long", MAX_LINES);
        }
        Set<Long> seen = new HashSet<>();
        for (CheckoutRequest.Line line : request.lines()) {
            Quantity.inBasket(line.quantity());
            if (!seen.add(line.productId())) {
                throw new KioskRefusal("checkout.product.twice", line.productId());
            }
        }
        if (request.voucherCodes().size() > MAX_VOUCHERS) {
            throw new KioskRefusal("checkout.voucher.too-many", MAX_VOUCHERS);
        }
    }

    /**
     * Everything checked and priced before the request id is claimed: each product is this supermarket's, on sale,
     * at the price the basket showed; each voucher unspent; vouchers and card together pay exactly, no voucher
     * needlessly (paper vouchers give no change, so a voucher beyond the total is refused, and the little above the
     * total that the last needed voucher covers goes back to the payer's account as change).
     */
    private Plan plan(Actor actor, Supermarket shop, Household cardHousehold, List<CheckoutRequest.Line> requested,
                      List<VoucherSerial> serials) {
        Map<Long, Product> known = products.byId(requested.stream().map(CheckoutRequest.Line::productId).toList());
        List<CheckoutLineRecord> basket = new ArrayList<>();
        long total = 0;
        for (CheckoutRequest.Line line : requested) {
            Product product = known.get(line.productId());
            if (product == null) {
                throw new NotFound("product.not-found", line.productId());
            }
            if (!product.supermarketId().equals(shop.id())) {
                throw new KioskRefusal("checkout.product.other-supermarket", product.name());
            }
            if (!product.active()) {
                throw new KioskRefusal("checkout.product.inactive", product.name());
            }
            if (product.pricePoints() != line.unitPoints()) {
                throw new KioskRefusal("checkout.price.changed", product.name(), line.unitPoints(),
                        product.pricePoints());
            }
            basket.add(new CheckoutLineRecord(null, product.id(), product.name(), product.unit(), line.quantity(),
                    product.pricePoints(), product.monthlyLimit()));
            total += line.quantity() * product.pricePoints();
        }
        List<VoucherView> paying = new ArrayList<>();
        for (VoucherSerial serial : serials) {
            VoucherView view = vouchers.check(actor, serial);
            if (view.status() == VoucherStatus.REDEEMED) {
                throw new VoucherRefusal("voucher.redeemed", serial.value());
            }
            if (view.status() == VoucherStatus.VOIDED) {
                throw new VoucherRefusal("voucher.voided", serial.value());
            }
            paying.add(view);
        }
        long voucherSum = paying.stream().mapToLong(VoucherView::points).sum();
        if (!paying.isEmpty()) {
            VoucherView smallest = paying.stream().min(Comparator.comparingLong(VoucherView::points)).orElseThrow();
            if (voucherSum - smallest.points() >= total) {
                throw new KioskRefusal("checkout.voucher.not-needed", smallest.serial(), total, voucherSum);
            }
        }
        long cardPoints = Math.max(0, total - voucherSum);
        long change = Math.max(0, voucherSum - total);
        if (cardPoints > 0 && cardHousehold == null) {
            throw new KioskRefusal("checkout.card.needed", cardPoints);
        }
        String payer = cardHousehold != null ? cardHousehold.id() : paying.get(0).householdId();
        refuseBlockedHouseholds(cardHousehold, paying);
        return new Plan(cardHousehold, basket, paying, total, cardPoints, voucherSum - change, change, payer);
    }

    /**
     * The county's rule that a household under its star threshold may not redeem until it recovers: checked for
     * the card's household and every voucher's, before anything is reserved or debited.
     */
    private void refuseBlockedHouseholds(Household cardHousehold, List<VoucherView> paying) {
        java.util.LinkedHashSet<String> payers = new java.util.LinkedHashSet<>();
        if (cardHousehold != null) {
            payers.add(cardHousehold.id());
        }
        paying.forEach(v -> payers.add(v.householdId()));
        for (String household : payers) {
            Eligibility check = eligibility.check(new HouseholdId(household));
            if (!check.mayRedeem()) {
                throw new KioskRefusal("checkout.stars.blocked", check.arguments().toArray());
            }
        }
    }

    private void claim(Actor actor, Supermarket shop, CheckoutId id, String hash, Plan plan) {
        transactions.executeWrite(status -> {
            Household h = plan.cardHousehold();
            int claimed = checkouts.claim(id.value(), shop.id(), actor.userId(), hash, h == null ? null : h.id(),
                    h == null ? null : h.headName(), h == null ? null : h.cardNumber(), plan.total(),
                    plan.cardPoints(), plan.voucherPoints(), plan.change(), plan.payer(), clock.instant());
            if (claimed == 0) {
                return null; // another request with this id came first: drive() compares the baskets
            }
            int n = 0;
            for (CheckoutLineRecord line : plan.lines()) {
                lines.save(new CheckoutLineRecord(new CheckoutLineRecord.Key(id.value(), n++), line.productId(),
                        line.productName(), line.unit(), line.quantity(), line.unitPoints(), line.monthlyLimit()));
            }
            n = 0;
            for (VoucherView v : plan.vouchers()) {
                paidWith.save(new CheckoutVoucherRecord(new CheckoutVoucherRecord.Key(id.value(), n++), v.serial(),
                        v.points(), v.householdId()));
            }
            return null;
        });
    }

    /**
     * Takes the checkout's row lock and answers: the stored result when it is finished, otherwise the result of
     * driving it to its end now.
     */
    private CheckoutResult drive(Actor actor, Supermarket shop, CheckoutId id, String hash) {
        acquire();
        try (CheckoutLock lock = CheckoutLock.lock(dataSource, id.value(), 30, false)) {
            if (lock == null) {
                throw new NotFound("checkout.not-found", id.value());
            }
            if (!lock.basketHash.equals(hash) || lock.supermarketId != shop.id()) {
                throw new KioskRefusal("checkout.request.reused", id.value());
            }
            if (!lock.started()) {
                return answer(checkouts.findById(id.value()).orElseThrow(), true);
            }
            Outcome outcome = run(actor, shop, checkouts.findById(id.value()).orElseThrow());
            lock.finish(id.value(), outcome.status(), outcome.balanceAfter(), outcome.code(), outcome.args(),
                    clock.instant());
        } catch (SQLException e) {
            if ("55P03".equals(e.getSQLState())) {
                throw new KioskRefusal("checkout.busy");
            }
            throw new IllegalStateException("checkout " + id.value(), e);
        } finally {
            parallel.release();
        }
        return answer(checkouts.findById(id.value()).orElseThrow(), false);
    }

    /** Drives an unfinished checkout left by a node that died; true when this node did it. */
    boolean finishUnfinished(String checkoutId) {
        try (CheckoutLock lock = CheckoutLock.lock(dataSource, checkoutId, 1, true)) {
            if (lock == null || !lock.started()) {
                return false;
            }
            CheckoutRecord record = checkouts.findById(checkoutId).orElseThrow();
            Supermarket shop = supermarkets.get(new SupermarketId(record.supermarketId()));
            Actor system = new Actor(record.device(), cn.moralbank.points.access.Role.KIOSK, shop.regionPath(), null,
                    record.device());
            Outcome outcome = run(system, shop, record);
            lock.finish(checkoutId, outcome.status(), outcome.balanceAfter(), outcome.code(), outcome.args(),
                    clock.instant());
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("checkout " + checkoutId, e);
        }
    }

    /**
     * The steps, each idempotent by an id derived from the checkout's: run again after a crash they find what was
     * done and go on from there.
     */
    private Outcome run(Actor actor, Supermarket shop, CheckoutRecord record) {
        CheckoutId id = new CheckoutId(record.checkoutId());
        String ref = "checkout:" + id.value();
        List<SaleLine> basket = lines.of(id.value()).stream().map(l -> new SaleLine(new ProductId(l.productId()),
                l.productName(), l.quantity(), l.unitPoints(), l.monthlyLimit())).toList();
        List<VoucherSerial> serials = paidWith.of(id.value()).stream().map(v -> new VoucherSerial(v.serial())).toList();
        YearMonth month = YearMonth.from(record.createdAt().atZone(clock.getZone()));
        HouseholdId payer = new HouseholdId(record.payerHouseholdId());
        try {
            stock.send(actor, new ReserveStockCommand(shop.supermarketId(), id, payer, month, basket));
        } catch (BadInput refusal) {
            return Outcome.refused(refusal);
        }
        List<VoucherSerial> spent = new ArrayList<>();
        for (VoucherSerial serial : serials) {
            try {
                spent.add(serial);
                vouchers.redeem(actor, serial, ref, shop.supermarketId().toString());
            } catch (BadInput | NotFound refusal) {
                undo(actor, shop, id, ref, spent, refusal.getMessage());
                return refusal instanceof BadInput b ? Outcome.refused(b)
                        : Outcome.refused(new KioskRefusal("voucher.not-found", serial.value()));
            }
        }
        Long balanceAfter = null;
        if (record.cardPoints() > 0) {
            HouseholdId household = new HouseholdId(record.householdId());
            EntryResult debit;
            try {
                debit = ledger.debit(actor, new DebitCommand(household, new EntryId(ref), record.cardPoints(), ref,
                        passbookReason(shop, record, basket)));
            } catch (BadInput refusal) {
                undo(actor, shop, id, ref, spent, refusal.code());
                return Outcome.refused(refusal);
            }
            if (!debit.applied()) {
                undo(actor, shop, id, ref, spent, "insufficient points");
                return Outcome.refused(new KioskRefusal("checkout.points.insufficient", record.cardPoints(),
                        debit.balanceAfter()));
            }
            balanceAfter = debit.balanceAfter();
        }
        if (record.changePoints() > 0) {
            EntryResult change = ledger.credit(actor, new CreditCommand(payer, new EntryId(ref + ":change"),
                    record.changePoints(), ref, "积分券找零 " + shop.name()));
            if (record.householdId() != null) {
                balanceAfter = change.balanceAfter();
            }
        }
        stock.send(actor, new ConfirmSaleCommand(shop.supermarketId(), id, clock.instant()));
        return new Outcome(CheckoutStatus.COMPLETED, balanceAfter, null, null);
    }

    /** The compensation: vouchers spendable again, goods back on the shelf. Each step is safe to repeat. */
    private void undo(Actor actor, Supermarket shop, CheckoutId id, String ref, List<VoucherSerial> spent,
                      String why) {
        for (VoucherSerial serial : spent) {
            try {
                vouchers.cancelRedemption(actor, serial, ref, shorten(why));
            } catch (NotFound unknown) {
                // never issued: nothing was spent
            }
        }
        stock.send(actor, new ReleaseStockCommand(shop.supermarketId(), id, shorten(why)));
    }

    CheckoutResult answer(CheckoutRecord record, boolean repeated) {
        if (record.status() == CheckoutStatus.REFUSED) {
            throw new KioskRefusal(record.refusalCode(), (Object[]) splitArgs(record.refusalArgs()));
        }
        if (record.status() == CheckoutStatus.STARTED) {
            throw new KioskRefusal("checkout.busy");
        }
        return view(record, repeated);
    }

    CheckoutResult view(CheckoutRecord record, boolean repeated) {
        Supermarket shop = supermarkets.get(new SupermarketId(record.supermarketId()));
        java.util.Set<Integer> back = refundedLines(record.checkoutId());
        boolean whole = record.status() == CheckoutStatus.REFUNDED && back.isEmpty();
        List<CheckoutResult.Line> bought = lines.of(record.checkoutId()).stream()
                .map(l -> new CheckoutResult.Line(l.productId(), l.productName(), l.unit(), l.quantity(),
                        l.unitPoints(), l.quantity() * l.unitPoints(), l.key().lineNo(),
                        whole || back.contains(l.key().lineNo())))
                .toList();
        long refundedPoints = bought.stream().filter(CheckoutResult.Line::refunded)
                .mapToLong(CheckoutResult.Line::points).sum();
        List<CheckoutResult.Voucher> used = paidWith.of(record.checkoutId()).stream()
                .map(v -> new CheckoutResult.Voucher(v.serial(), v.points())).toList();
        return new CheckoutResult(record.checkoutId(), record.receiptNo(), record.status(), repeated, shop.id(),
                shop.name(), record.device(), record.householdName(), mask(record.cardNumber()), bought, used,
                record.totalPoints(), record.cardPoints(), record.voucherPoints(), record.changePoints(),
                record.balanceAfter(), record.createdAt(), record.finishedAt(), record.refundedAt(),
                record.refundReason(), refundedPoints);
    }

    /** The lines refunded one by one (see Refunds); none for a checkout refunded whole or not at all. */
    private java.util.Set<Integer> refundedLines(String checkoutId) {
        return transactions.executeRead(status -> {
            java.util.Set<Integer> back = new java.util.HashSet<>();
            try (var ps = status.getConnection().prepareStatement(
                    "SELECT line_no FROM checkout_line_refund WHERE checkout_id = ?")) {
                ps.setString(1, checkoutId);
                var rs = ps.executeQuery();
                while (rs.next()) {
                    back.add(rs.getInt(1));
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("refunded lines of " + checkoutId, e);
            }
            return back;
        });
    }

    private static String passbookReason(Supermarket shop, CheckoutRecord record, List<SaleLine> basket) {
        String goods = basket.stream().map(l -> l.productName() + "×" + l.quantity()).collect(Collectors.joining("、"));
        return shorten(shop.name() + " 兑换：" + goods, 480);
    }

    static String hash(Supermarket shop, String card, List<CheckoutRequest.Line> lines, List<VoucherSerial> serials) {
        String basket = lines.stream().sorted(Comparator.comparingLong(CheckoutRequest.Line::productId))
                .map(l -> l.productId() + ":" + l.quantity() + ":" + l.unitPoints()).collect(Collectors.joining(","));
        String paid = serials.stream().map(VoucherSerial::value).sorted().collect(Collectors.joining(","));
        String canonical = "shop=" + shop.id() + ";card=" + (card == null ? "" : card) + ";lines=" + basket
                + ";vouchers=" + paid;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A card number as a receipt or screen shows it: only its last four digits. */
    public static String mask(String card) {
        return card == null ? null : cn.moralbank.points.household.CardMask.mask(card);
    }

    private static String[] splitArgs(String args) {
        return args == null || args.isEmpty() ? new String[0] : args.split(UNIT_SEPARATOR, -1);
    }

    private void acquire() {
        try {
            parallel.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String shorten(String s) {
        return shorten(s, 200);
    }

    private static String shorten(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() > max ? s.substring(0, max) : s;
    }

    private record Plan(Household cardHousehold, List<CheckoutLineRecord> lines, List<VoucherView> vouchers,
                        long total, long cardPoints, long voucherPoints, long change, String payer) {
    }

    /** How a run ended: completed (with the card's balance after it) or refused (with the refusal's message). */
    private record Outcome(CheckoutStatus status, Long balanceAfter, String code, String args) {
        static Outcome refused(BadInput refusal) {
            String args = refusal.arguments().stream().map(String::valueOf)
                    .collect(Collectors.joining(UNIT_SEPARATOR));
            return new Outcome(CheckoutStatus.REFUSED, null, refusal.code(), shorten(args, 500));
        }
    }
}
