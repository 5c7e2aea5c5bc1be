package cn.moralbank.kiosk.model;

import cn.moralbank.kiosk.api.CheckoutId;
import cn.moralbank.kiosk.checkout.CheckoutRequest;
import cn.moralbank.kiosk.checkout.CheckoutResult;
import cn.moralbank.kiosk.checkout.Checkouts;
import cn.moralbank.kiosk.checkout.Refunds;
import cn.moralbank.kiosk.product.Product;
import cn.moralbank.kiosk.stock.Stock;
import cn.moralbank.kiosk.testing.KioskWorld;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.deed.Corrections;
import cn.moralbank.points.deed.DeedReport;
import cn.moralbank.points.deed.DeedReports;
import cn.moralbank.points.deed.MovableClock;
import cn.moralbank.points.deed.NoticeBoard;
import cn.moralbank.points.deed.ObjectionPeriodProcess;
import cn.moralbank.points.deed.ReviewSessions;
import cn.moralbank.points.deed.api.DeedId;
import cn.moralbank.points.deed.api.ReviewSessionId;
import cn.moralbank.points.deed.api.VoteChoice;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.ledger.Ledger;
import cn.moralbank.points.ledger.api.*;
import cn.moralbank.points.testing.Sql;
import cn.moralbank.points.voucher.IssuedVouchers;
import cn.moralbank.points.voucher.Vouchers;
import cn.moralbank.points.voucher.api.VoucherSerial;
import io.micronaut.context.ApplicationContext;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs one random sequence against the real application and PostgreSQL, step by step beside a fresh
 * {@link CountyModel}: each answer (accepted, or refused with which message) must be the model's, and after each
 * step the read models must show the model's balances, deed states, voucher states, stock and checkouts. At the
 * end, invariants 1, 7 and 9 are checked over what the sequence wrote.
 */
final class CountyRun {
    /** Figures over every sequence of this JVM, for docs/reliability.md. */
    static final AtomicLong SEQUENCES = new AtomicLong();
    static final AtomicLong STEPS = new AtomicLong();
    static final AtomicLong REFUSED = new AtomicLong();
    static final AtomicLong CHECKS = new AtomicLong();
    static final Map<String, AtomicLong> TRIED = new TreeMap<>();

    private final ModelWorld world;
    private final KioskWorld shop;
    private final Ledger ledger;
    private final DeedReports reports;
    private final ReviewSessions sessions;
    private final NoticeBoard board;
    private final Corrections corrections;
    private final ObjectionPeriodProcess objectionPeriod;
    private final Vouchers vouchers;
    private final Checkouts checkouts;
    private final Refunds refunds;
    private final Stock stock;
    private final MovableClock clock;
    private final Sql sql;
    private final EventStoreChecks store;
    private final Conservation conservation;

    private final CountyModel model;
    private final List<Household> households = new ArrayList<>();
    private final List<Product> products = new ArrayList<>();
    private final List<String> adminEntries = new ArrayList<>();
    private final long startIndex;
    private Runnable retry;
    private Runnable reuse;
    private int n;

    CountyRun(ApplicationContext context, ModelWorld world, Sql sql, EventStoreChecks store) {
        this.world = world;
        this.shop = world.kiosk;
        this.ledger = context.getBean(Ledger.class);
        this.reports = context.getBean(DeedReports.class);
        this.sessions = context.getBean(ReviewSessions.class);
        this.board = context.getBean(NoticeBoard.class);
        this.corrections = context.getBean(Corrections.class);
        this.objectionPeriod = context.getBean(ObjectionPeriodProcess.class);
        this.vouchers = context.getBean(Vouchers.class);
        this.checkouts = context.getBean(Checkouts.class);
        this.refunds = context.getBean(Refunds.class);
        this.stock = context.getBean(Stock.class);
        this.clock = context.getBean(MovableClock.class);
        this.sql = sql;
        this.store = store;
        this.conservation = new Conservation(sql);
        this.startIndex = sql.count("SELECT coalesce(max(global_index), 0) FROM domain_event_entry");
        this.model = new CountyModel(clock.instant());
        for (int i = 0; i < Step.HOUSEHOLDS; i++) {
            long seed = 40 + 30L * i;
            Household h = shop.household(seed);
            households.add(h);
            model.open(h.id(), seed);
        }
        long[][] goods = {{5, 0, 10}, {12, 3, 6}, {30, 0, 3}};
        for (long[] g : goods) {
            Product p = shop.product(shop.hedongShop, "商品", g[0], (int) g[1], g[2]);
            products.add(p);
            model.product(p.id(), g[0], (int) g[1], g[2]);
        }
        SEQUENCES.incrementAndGet();
    }

    void run(List<Step> steps) {
        for (Step step : steps) {
            n++;
            store.awaitProjections();
            String tried = step.getClass().getSimpleName();
            TRIED.computeIfAbsent(tried, k -> new AtomicLong()).incrementAndGet();
            STEPS.incrementAndGet();
            try {
                apply(step);
            } catch (AssertionError e) {
                throw new AssertionError("step " + n + " " + step + ": " + e.getMessage(), e);
            }
            store.awaitProjections();
            readModelsShowTheModel(step);
        }
        invariantsHold();
    }

    private void apply(Step step) {
        if (step instanceof Step.Report r) {
            report(r);
        } else if (step instanceof Step.Prepare) {
            prepare();
        } else if (step instanceof Step.Close c) {
            close(c);
        } else if (step instanceof Step.Vote v) {
            vote(v);
        } else if (step instanceof Step.Objection o) {
            object(o);
        } else if (step instanceof Step.Pass p) {
            pass(p);
        } else if (step instanceof Step.Revoke r) {
            revoke(r);
        } else if (step instanceof Step.Book b) {
            book(b);
        } else if (step instanceof Step.Reverse r) {
            reverse(r);
        } else if (step instanceof Step.Retry && retry != null) {
            retry.run();
        } else if (step instanceof Step.Reuse && reuse != null) {
            reuse.run();
        } else if (step instanceof Step.Issue i) {
            issue(household(i.household()), "b-" + UUID.randomUUID(), i.values());
        } else if (step instanceof Step.VoidVoucher v) {
            voidVoucher(v);
        } else if (step instanceof Step.Checkout c) {
            checkout(c);
        } else if (step instanceof Step.Refund r) {
            refund(r);
        } else if (step instanceof Step.Donate d) {
            donate(d);
        }
    }

    // ---------------------------------------------------------------- deeds

    private void report(Step.Report r) {
        Household h = household(r.household());
        DeedId id = reports.report(world.gridWorker, new DeedReport(h.householdId(),
                (r.good() ? world.helping : world.fighting).id(), LocalDate.now(clock), "随机序列中的事迹", null, null));
        model.report(id.value(), h.id(), r.good() ? 5 : -10);
    }

    private void prepare() {
        List<String> agenda = model.pending();
        if (agenda.isEmpty()) {
            return; // with no deeds named, a session takes every pending deed of the village, other sequences' too
        }
        ReviewSessionId id = sessions.prepare(shop.hedongAdmin, shop.hedong.id(), "评议会 " + n, null,
                agenda.stream().map(DeedId::new).toList());
        model.prepare(id.value(), agenda);
    }

    private void close(Step.Close c) {
        List<String> open = new ArrayList<>(model.sessions.keySet());
        if (open.isEmpty()) {
            return;
        }
        String session = open.get(c.pick() % open.size());
        sessions.close(shop.hedongAdmin, new ReviewSessionId(session));
        model.close(session);
    }

    private void vote(Step.Vote v) {
        String deed = pick(new ArrayList<>(model.deeds.keySet()), v.pick());
        if (deed == null) {
            return;
        }
        Actor member = world.committee.get(v.member());
        expect(model.vote(deed, member.userId(), v.choice()), () -> sessions.vote(member, new DeedId(deed),
                VoteChoice.valueOf(v.choice()), null));
    }

    private void object(Step.Objection o) {
        String deed = pick(new ArrayList<>(model.deeds.keySet()), o.pick());
        if (deed == null) {
            return;
        }
        Household h = households.get(0);
        expect(model.object(deed), () -> {
            board.object(ModelWorld.villager(h.id(), shop.hedongGrid.path()), new DeedId(deed), "不属实");
            return null;
        });
    }

    private void pass(Step.Pass p) {
        Duration time = Duration.ofHours(p.hours());
        clock.advance(time);
        model.pass(time);
        objectionPeriod.settleDue();
    }

    private void revoke(Step.Revoke r) {
        String deed = pick(new ArrayList<>(model.deeds.keySet()), r.pick());
        if (deed == null) {
            return;
        }
        expect(model.revoke(deed), () -> {
            corrections.revoke(shop.hedongAdmin, new DeedId(deed), "经核实不属实");
            return null;
        });
    }

    // ---------------------------------------------------------------- ledger

    private void book(Step.Book b) {
        String h = household(b.household()).id();
        String id = "e-" + n + "-" + UUID.randomUUID().toString().substring(0, 8);
        book(h, id, b.credit(), b.points());
        adminEntries.add(h + " " + id);
        retry = () -> book(h, id, b.credit(), b.points());
        reuse = () -> book(h, id, b.credit(), b.points() + 1);
    }

    private void book(String household, String id, boolean credit, long points) {
        HouseholdId h = new HouseholdId(household);
        EntryId entry = new EntryId(id);
        expect(model.book(household, id, credit, points), () -> credit
                ? ledger.credit(shop.hedongAdmin, new CreditCommand(h, entry, points, "model", "加分"))
                : ledger.penalise(shop.hedongAdmin, new PenaliseCommand(h, entry, points, "model", "扣分")));
    }

    private void reverse(Step.Reverse r) {
        String picked = pick(adminEntries, r.pick());
        if (picked == null) {
            return;
        }
        String[] parts = picked.split(" ");
        String reversal = "r-" + n + "-" + UUID.randomUUID().toString().substring(0, 8);
        expect(model.reverse(parts[0], reversal, parts[1]), () -> ledger.reverse(shop.hedongAdmin,
                new ReverseCommand(new HouseholdId(parts[0]), new EntryId(reversal), new EntryId(parts[1]), "复核")));
    }

    // ---------------------------------------------------------------- vouchers

    private void issue(Household h, String batchId, List<Long> values) {
        String expected = model.issue(h.id(), batchId, values);
        IssuedVouchers answer = expect(expected, () -> vouchers.issue(shop.hedongAdmin, h.householdId(), values,
                batchId));
        if (answer != null) {
            assertTrue(answer.complete(), "every voucher of the batch issued");
            assertEquals(values, answer.vouchers().stream().map(IssuedVouchers.Issued::points).toList());
            model.issued(h.id(), batchId, values, answer.vouchers().stream().map(IssuedVouchers.Issued::serial)
                    .toList());
        }
        retry = () -> issue(h, batchId, values);
        List<Long> other = new ArrayList<>(values);
        other.add(5L);
        reuse = () -> issue(h, batchId, other);
    }

    private void voidVoucher(Step.VoidVoucher v) {
        String serial = pick(new ArrayList<>(model.vouchers.keySet()), v.pick());
        if (serial == null) {
            return;
        }
        expect(model.voidVoucher(serial), () -> vouchers.voidVoucher(shop.hedongAdmin, new VoucherSerial(serial),
                "填错了户"));
    }

    // ---------------------------------------------------------------- supermarket

    private void checkout(Step.Checkout c) {
        Household h = household(c.household());
        List<CountyModel.Line> lines = new ArrayList<>();
        for (int i = 0; i < products.size(); i++) {
            if (c.quantities().get(i) > 0) {
                lines.add(new CountyModel.Line(products.get(i).id(), c.quantities().get(i)));
            }
        }
        if (lines.isEmpty()) {
            lines.add(new CountyModel.Line(products.get(0).id(), 1));
        }
        List<String> paying = new ArrayList<>();
        model.vouchers.forEach((serial, v) -> {
            if (v.household().equals(h.id()) && v.state() == CountyModel.VoucherState.ISSUED
                    && paying.size() < c.vouchers()) {
                paying.add(serial);
            }
        });
        if (c.stale()) {
            model.vouchers.forEach((serial, v) -> {
                if (v.household().equals(h.id()) && v.state() != CountyModel.VoucherState.ISSUED
                        && paying.size() < 3) {
                    paying.add(serial);
                }
            });
        }
        CountyModel.Basket basket = new CountyModel.Basket(c.card() ? h.id() : null, lines, paying);
        String id = "co-" + UUID.randomUUID();
        checkout(id, basket, h);
        retry = () -> checkout(id, basket, h);
        List<CountyModel.Line> more = new ArrayList<>(lines);
        more.set(0, new CountyModel.Line(lines.get(0).product(), lines.get(0).quantity() + 1));
        reuse = () -> checkout(id, new CountyModel.Basket(basket.cardHousehold(), more, paying), h);
    }

    private void checkout(String id, CountyModel.Basket basket, Household h) {
        List<CheckoutRequest.Line> lines = basket.lines().stream().map(l -> new CheckoutRequest.Line(l.product(),
                l.quantity(), model.products.get(l.product()).price())).toList();
        List<String> codes = basket.vouchers().stream()
                .map(s -> vouchers.printedCode(shop.hedongAdmin, new VoucherSerial(s))).toList();
        boolean known = model.checkouts.containsKey(id);
        String expected = model.checkout(id, basket);
        CheckoutResult result = expect(expected, () -> checkouts.checkout(shop.kiosk1, new CheckoutRequest(id,
                basket.cardHousehold() == null ? null : h.cardNumber(),
                basket.cardHousehold() == null ? null : KioskWorld.PIN, lines, codes)));
        if (result != null) {
            CountyModel.Checkout c = model.checkouts.get(id);
            assertEquals(known, result.repeated(), "a retry is answered as a repeat");
            assertEquals(c.total, result.totalPoints(), "total");
            assertEquals(c.cardPoints, result.cardPoints(), "card points");
            assertEquals(c.voucherPoints, result.voucherPoints(), "voucher points");
        }
    }

    private void refund(Step.Refund r) {
        String id = pick(new ArrayList<>(model.checkouts.keySet()), r.pick());
        if (id == null) {
            return;
        }
        expect(model.refund(id), () -> refunds.refund(shop.operator, new CheckoutId(id), "质量问题"));
    }

    private void donate(Step.Donate d) {
        Product p = products.get(d.product());
        shop.donate(shop.hedongShop, p, d.quantity());
        model.donate(p.id(), d.quantity());
    }

    // ---------------------------------------------------------------- comparisons

    /** The application's answer must be the model's: accepted (the result) or refused with the same message. */
    private <T> T expect(String refusal, Supplier<T> action) {
        String actual;
        T result = null;
        try {
            result = action.get();
            actual = null;
        } catch (BadInput e) {
            actual = e.code();
        } catch (NotFound e) {
            actual = e.code();
        }
        if (actual != null) {
            REFUSED.incrementAndGet();
        }
        assertEquals(refusal, actual, "the answer (null: accepted, else the refusal)");
        return result;
    }

    private void readModelsShowTheModel(Step step) {
        String after = "after step " + n + " " + step + ": ";
        for (Household h : households) {
            assertEquals(model.account(h.id()).balance, sql.count("SELECT balance FROM account_balance "
                    + "WHERE household_id = ?", h.id()), after + "balance of " + h.headName());
        }
        model.deeds.forEach((id, deed) -> assertEquals(deed.state.name(), sql.single(
                "SELECT status FROM deed_view WHERE deed_id = ?", id), after + "deed " + id));
        model.vouchers.forEach((serial, v) -> assertEquals(v.state().name(), sql.single(
                "SELECT status FROM voucher_view WHERE serial = ?", serial), after + "voucher " + serial));
        model.onHand.forEach((product, onHand) -> {
            assertEquals(onHand, sql.count("SELECT on_hand FROM stock_level WHERE product_id = ?", product),
                    after + "stock of product " + product);
            assertEquals(0, sql.count("SELECT reserved FROM stock_level WHERE product_id = ?", product),
                    after + "nothing left set aside");
        });
        model.checkouts.forEach((id, c) -> assertEquals(c.state.name(), sql.single(
                "SELECT status FROM checkout WHERE checkout_id = ?", id), after + "checkout " + id));
        CHECKS.addAndGet(5);
    }

    /** Invariants 1, 7 and 9 over what this sequence wrote, and 1 for the whole county. */
    private void invariantsHold() {
        for (Household h : households) {
            CountyModel.Account a = model.account(h.id());
            Conservation.Figures expected = new Conservation.Figures(a.granted, a.balance, a.redeemed,
                    model.unspent(h.id()));
            assertTrue(expected.balanced(), "the model itself conserves points: " + expected);
            assertEquals(expected, conservation.fromEvents(h.id()), "from the event store, " + h.headName());
            assertEquals(expected, conservation.fromReadModels(h.id()), "from the read models, " + h.headName());
        }
        Conservation.Figures county = conservation.fromEvents(null);
        assertTrue(county.balanced(), "the county's points are conserved in the event store: " + county);
        assertEquals(county, conservation.fromReadModels(null), "the county's read models agree with its events");
        store.noHolesAfter(startIndex);
        store.everyEventNamesItsActorAfter(startIndex);
        CHECKS.addAndGet(3L * households.size() + 4);
    }

    private Household household(int index) {
        return households.get(index % households.size());
    }

    private static String pick(List<String> from, int index) {
        return from.isEmpty() ? null : from.get(index % from.size());
    }
}
