package cn.moralbank.web.county;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the flows of one writer share: the sink, the seeded random, the zone the villages live in, the county's
 * path and objection period, and the serial numbers of vouchers (one sequence for the whole county). Every flow puts
 * its later steps (a vote, the end of an objection period, a refund) on the village's queue of actions, which runs
 * them in time order.
 */
final class History {
    static final String ACCOUNT = "HouseholdAccount";
    static final String DEED = "Deed";
    static final String SESSION = "ReviewSession";
    static final String VOUCHER = "Voucher";
    static final String STOCK = "SupermarketStock";

    final EventSink sink;
    final Random random;
    final Ids ids;
    final Names names;
    final ZoneId zone;
    final String countyPath;
    final int objectionDays;
    final AtomicLong voucherSerials;
    /** the first day of the history: households are registered on it, and no deed is older */
    final LocalDate start;
    private long order;

    History(EventSink sink, Random random, ZoneId zone, String countyPath, int objectionDays,
            AtomicLong voucherSerials, LocalDate start) {
        this.start = start;
        this.sink = sink;
        this.random = random;
        this.ids = new Ids(random);
        this.names = new Names(random);
        this.zone = zone;
        this.countyPath = countyPath;
        this.objectionDays = objectionDays;
        this.voucherSerials = voucherSerials;
    }

    /** A moment of a day, at a random minute of the given hours. */
    Instant at(LocalDate day, int fromHour, int toHour) {
        int minute = fromHour * 60 + random.nextInt(Math.max(1, (toHour - fromHour) * 60));
        return day.atStartOfDay(zone).plusMinutes(minute).plusSeconds(random.nextInt(60)).toInstant();
    }

    YearMonth month(Instant at) {
        return YearMonth.from(at.atZone(zone));
    }

    void later(PriorityQueue<Action> queue, Instant at, Runnable step) {
        queue.add(new Action(at, order++, step));
    }

    record Action(Instant at, long order, Runnable step) implements Comparable<Action> {
        @Override
        public int compareTo(Action other) {
            int c = at.compareTo(other.at);
            return c != 0 ? c : Long.compare(order, other.order);
        }
    }
}
