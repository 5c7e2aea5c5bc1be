package cn.moralbank.web.county;

import cn.moralbank.kiosk.api.StockOpened;
import cn.moralbank.kiosk.api.SupermarketId;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.ledger.api.AccountOpened;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.rules.Rule;
import cn.moralbank.web.county.Village.Home;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The history of a writer's villages, month by month: each month every household may report a deed, shop at the
 * kiosk, take vouchers or void one; the committee meets on the 20th; the supermarket is restocked on the 1st. Each
 * village's actions run in time order from its own queue, and what a month leaves open (an objection period, a refund)
 * runs in the next.
 */
final class VillageHistory {
    /** per household and month: a deed about 0.85 times a year, a checkout 0.5, a voucher issue 0.3 */
    private static final double DEED = 0.85 / 12;
    private static final double CHECKOUT = 0.5 / 12;
    private static final double ISSUE = 0.3 / 12;
    private static final double VOID = 0.01;

    private final History h;
    private final DeedFlow deeds;
    private final ShopFlow shops;
    private final VoucherFlow vouchers;
    private final Map<Integer, PriorityQueue<History.Action>> queues = new HashMap<>();
    private final Map<Integer, List<DeedFlow.Planned>> agendas = new HashMap<>();

    VillageHistory(History h, List<Rule> rules) {
        this.h = h;
        this.deeds = new DeedFlow(h, rules);
        this.shops = new ShopFlow(h);
        this.vouchers = new VoucherFlow(h);
    }

    /** The supermarket's stock book opened and first stocked; every household's account opened with the base score. */
    void open(Village v, Actor office, long baseScore) {
        Instant start = h.start.atTime(8, 0).atZone(h.zone).toInstant();
        h.sink.command(office, start);
        h.sink.event(History.STOCK, v.shop.aggregateId(), v.shop.seq++, new StockOpened(new SupermarketId(v.shop.id),
                v.shop.name, v.path));
        shops.donate(v, start.plusSeconds(600), 1, full(v));
        Instant at = start.plusSeconds(3600);
        for (Home home : v.homes) {
            at = at.plusMillis(500 + h.random.nextInt(2000));
            home.balance = baseScore;
            h.sink.command(v.admin, at);
            h.sink.event(History.ACCOUNT, home.id, home.seq++, new AccountOpened(new HouseholdId(home.id), baseScore));
            h.sink.endOfFlow();
        }
    }

    void month(Village v, YearMonth month) {
        PriorityQueue<History.Action> queue = queues.computeIfAbsent(v.number, n -> new PriorityQueue<>());
        List<DeedFlow.Planned> agenda = agendas.computeIfAbsent(v.number, n -> new ArrayList<>());
        LocalDate first = month.atDay(1);
        h.later(queue, h.at(first, 7, 8), () -> shops.donate(v, h.sink.at(), full(v) / 3, full(v)));
        for (Home home : v.homes) {
            int reports = home.deep ? 8 : chance(DEED);
            for (int i = 0; i < reports; i++) {
                Instant at = h.at(day(first, 1, 18), 8, 20);
                h.later(queue, at, () -> deeds.report(v, home, at, agenda));
            }
            int checkouts = home.deep ? 8 : chance(CHECKOUT);
            for (int i = 0; i < checkouts; i++) {
                Instant at = h.at(day(first, 1, 28), 8, 18);
                h.later(queue, at, () -> shops.checkout(v, home, at, home.deep, queue));
            }
            int issues = home.deep ? 2 : chance(ISSUE);
            for (int i = 0; i < issues; i++) {
                Instant at = h.at(day(first, 1, 28), 9, 17);
                h.later(queue, at, () -> vouchers.issue(v, home, at));
            }
            if (!home.vouchers.isEmpty() && h.random.nextDouble() < (home.deep ? 0.2 : VOID)) {
                Instant at = h.at(day(first, 1, 28), 9, 17);
                h.later(queue, at, () -> vouchers.voidOne(v, home, at));
            }
        }
        LocalDate sessionDay = first.withDayOfMonth(20);
        h.later(queue, sessionDay.atTime(17, 59).atZone(h.zone).toInstant(),
                () -> deeds.session(v, sessionDay, agenda, queue));
        run(queue, month.plusMonths(1).atDay(1).atStartOfDay(h.zone).toInstant());
    }

    /** Runs what is left: the last objection periods and refunds. */
    void finish(Village v) {
        PriorityQueue<History.Action> queue = queues.get(v.number);
        if (queue != null) {
            run(queue, Instant.MAX);
        }
    }

    private void run(PriorityQueue<History.Action> queue, Instant before) {
        while (!queue.isEmpty() && queue.peek().at().isBefore(before)) {
            History.Action action = queue.poll();
            h.sink.at(action.at());
            action.step().run();
        }
    }

    /** A shelf full for the village's households (the deep household shops often). */
    private static long full(Village v) {
        return 60 + v.homes.size() / 4 + (v.number == 1 ? 60 : 0);
    }

    private int chance(double p) {
        return h.random.nextDouble() < p ? 1 : 0;
    }

    private LocalDate day(LocalDate first, int from, int to) {
        return first.plusDays(from - 1 + h.random.nextInt(to - from + 1));
    }
}
