package cn.moralbank.points.ledger;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.ledger.api.*;
import cn.moralbank.points.testing.Eventually;
import cn.moralbank.points.testing.Sql;
import cn.moralbank.points.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import net.jqwik.api.*;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import javax.sql.DataSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Model-based random testing of the ledger against the real application and PostgreSQL: random sequences of
 * credits, penalties, debits, reversals, retries and reused ids on a few households, compared after every step with
 * {@link LedgerModel}. At the end of each sequence the invariants are checked from the event store and from the read
 * models independently. A failure prints jqwik's seed; rerun it with {@code @Property(seed = "...")}. The CI run
 * tries 25 sequences (junit-platform.properties); a long run:
 * {@code ./mvnw -pl points-service test -Dtest=LedgerModelTest -Djqwik.tries.default=2000}.
 */
class LedgerModelTest {
    private static final Actor ADMIN = new Actor("model", Role.VILLAGE_ADMIN, "/model/", null, null);
    private static ApplicationContext context;
    private static Ledger ledger;
    private static Sql sql;

    @BeforeContainer
    static void start() {
        Map<String, Object> props = new HashMap<>(TestDatabase.freshDatabaseProperties());
        props.put("moralbank.axon.snapshot-threshold", "7");
        context = ApplicationContext.builder().environments("test").properties(props).start();
        ledger = context.getBean(Ledger.class);
        sql = new Sql(context.getBean(DataSource.class));
    }

    @AfterContainer
    static void stop() {
        context.close();
    }

    sealed interface Step permits Book, Reverse, Retry, Reuse, Carry, Transfer, Merge {
    }

    record Book(int household, EntryKind kind, long points) implements Step {
    }

    record Reverse(int household, int pick) implements Step {
    }

    record Retry() implements Step {
    }

    record Reuse(long points) implements Step {
    }

    record Carry(int household, long points) implements Step {
    }

    record Transfer(int from, int to, long points) implements Step {
    }

    record Merge(int merged, int into) implements Step {
    }

    @Provide
    Arbitrary<List<Step>> sequences() {
        Arbitrary<Step> book = Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.of(EntryKind.CREDIT, EntryKind.PENALTY, EntryKind.DEBIT, EntryKind.DEBIT),
                Arbitraries.longs().between(1, 40)).as(Book::new);
        Arbitrary<Step> reverse = Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 50)).as(Reverse::new);
        Arbitrary<Step> retry = Arbitraries.just(new Retry());
        Arbitrary<Step> reuse = Arbitraries.longs().between(41, 60).map(Reuse::new);
        Arbitrary<Integer> one = Arbitraries.integers().between(0, 2);
        Arbitrary<Step> carry = Combinators.combine(one, Arbitraries.longs().between(1, 900)).as(Carry::new);
        Arbitrary<Step> transfer = Combinators.combine(one, one, Arbitraries.longs().between(1, 80)).as(Transfer::new);
        Arbitrary<Step> merge = Combinators.combine(one, one).as(Merge::new);
        return Arbitraries.frequencyOf(Tuple.of(6, book), Tuple.of(2, reverse), Tuple.of(2, retry), Tuple.of(1, reuse),
                        Tuple.of(1, carry), Tuple.of(2, transfer), Tuple.of(1, merge))
                .list().ofMinSize(5).ofMaxSize(40);
    }

    @Property(afterFailure = AfterFailureMode.SAMPLE_FIRST)
    void theLedgerBehavesAsItsModelStepAfterStep(@ForAll("sequences") List<Step> steps) {
        LedgerModel model = new LedgerModel();
        List<String> households = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = "m-" + UUID.randomUUID();
            long base = i == 0 ? 0 : 60;
            ledger.open(ADMIN, new HouseholdId(id), base);
            model.open(id, base);
            households.add(id);
        }
        Object[] last = null;
        int n = 0;
        for (Step step : steps) {
            n++;
            if (step instanceof Book b) {
                String h = households.get(b.household());
                String id = "e-" + n;
                last = new Object[]{h, b.kind(), id, b.points()};
                check(step, model.book(h, b.kind(), id, b.points()), () -> book(h, b.kind(), id, b.points()));
            } else if (step instanceof Reverse r) {
                String h = households.get(r.household());
                List<String> ids = new ArrayList<>(model.entries.get(h).keySet());
                String original = ids.isEmpty() ? "none" : ids.get(r.pick() % ids.size());
                // by hand (no colon), or as a process does (refund:, voucher:…:void): only a process undoes a
                // process's entry (carry-overs and transfers here)
                String reversal = (n % 2 == 0 ? "r-" : "r:") + n;
                check(step, model.reverse(h, reversal, original), () -> ledger.reverse(ADMIN,
                        new ReverseCommand(new HouseholdId(h), new EntryId(reversal), new EntryId(original), "复核")));
            } else if (step instanceof Carry c) {
                String h = households.get(c.household());
                String id = "carry:" + c.household() + "-" + c.points();
                check(step, model.carryOver(h, id, c.points()), () -> ledger.carryOver(ADMIN,
                        new CarryOverBalanceCommand(new HouseholdId(h), new EntryId(id), c.points(), "P-" + id,
                                LocalDate.of(2026, 1, 1), "期初积分")));
            } else if (step instanceof Transfer t) {
                String from = households.get(t.from());
                String to = households.get(t.to());
                String tid = "t" + n;
                check(step, model.transfer(from, to, tid, t.points()), () -> ledger.transfer(ADMIN, tid,
                        new HouseholdId(from), new HouseholdId(to), t.points(), "分户"));
            } else if (step instanceof Merge m) {
                String merged = households.get(m.merged());
                String into = households.get(m.into());
                String tid = "m" + n;
                LedgerModel.Expected expected = model.merge(merged, into, tid);
                if (expected.refusedAsInvalid()) {
                    assertThrows(BadInput.class, () -> ledger.merge(ADMIN, tid, new HouseholdId(merged),
                            new HouseholdId(into), "合户"), "refusal expected for " + step);
                } else {
                    assertEquals(0, ledger.merge(ADMIN, tid, new HouseholdId(merged), new HouseholdId(into), "合户")
                            .balanceAfter(), "a merged account is left empty");
                }
            } else if (step instanceof Retry && last != null) {
                Object[] a = last;
                check(step, model.book((String) a[0], (EntryKind) a[1], (String) a[2], (Long) a[3]),
                        () -> book((String) a[0], (EntryKind) a[1], (String) a[2], (Long) a[3]));
            } else if (step instanceof Reuse u && last != null) {
                Object[] a = last;
                check(step, model.book((String) a[0], (EntryKind) a[1], (String) a[2], u.points()),
                        () -> book((String) a[0], (EntryKind) a[1], (String) a[2], u.points()));
            }
        }
        for (String h : households) {
            invariantsHold(h, model.balances.get(h));
        }
        pointsAreConserved(households);
    }

    /** Transfers move points between households and never make or lose any: outs and ins match, in sum and count. */
    private static void pointsAreConserved(List<String> households) {
        String in = "(?, ?, ?)";
        Object[] ids = households.toArray();
        long out = sql.count("SELECT coalesce(sum((convert_from(payload, 'UTF8')::json->>'points')::bigint), 0) "
                + "FROM domain_event_entry WHERE payload_type LIKE '%PointsTransferredOut' AND aggregate_identifier IN "
                + in, ids);
        long into = sql.count("SELECT coalesce(sum((convert_from(payload, 'UTF8')::json->>'points')::bigint), 0) "
                + "FROM domain_event_entry WHERE payload_type LIKE '%PointsTransferredIn' AND aggregate_identifier IN "
                + in, ids);
        assertEquals(out, into, "every point transferred out of a household came into another");
        Eventually.until("transfers projected", () -> sql.count("SELECT count(*) FROM passbook_entry WHERE kind IN "
                + "('TRANSFER_OUT', 'TRANSFER_IN') AND household_id IN " + in, ids) == sql.count(
                "SELECT count(*) FROM domain_event_entry WHERE (payload_type LIKE '%PointsTransferredOut' OR "
                        + "payload_type LIKE '%PointsTransferredIn') AND aggregate_identifier IN " + in, ids));
        assertEquals(0, sql.count("SELECT coalesce(sum(points), 0) FROM passbook_entry WHERE kind IN "
                + "('TRANSFER_OUT', 'TRANSFER_IN') AND household_id IN " + in, ids), "both passbooks show each transfer");
    }

    private EntryResult book(String h, EntryKind kind, String id, long points) {
        HouseholdId household = new HouseholdId(h);
        EntryId entry = new EntryId(id);
        return switch (kind) {
            case CREDIT -> ledger.credit(ADMIN, new CreditCommand(household, entry, points, "model", "加分"));
            case PENALTY -> ledger.penalise(ADMIN, new PenaliseCommand(household, entry, points, "model", "扣分"));
            case DEBIT -> ledger.debit(ADMIN, new DebitCommand(household, entry, points, "model", "兑换"));
            default -> throw new IllegalArgumentException(kind.name());
        };
    }

    private static void check(Step step, LedgerModel.Expected expected, Supplier<EntryResult> act) {
        if (expected.refusedAsInvalid()) {
            assertThrows(BadInput.class, act::get, "refusal expected for " + step);
            return;
        }
        EntryResult result = act.get();
        assertEquals(expected.applied(), result.applied(), "applied, " + step);
        assertEquals(expected.repeated(), result.repeated(), "repeated, " + step);
        assertEquals(expected.balanceAfter(), result.balanceAfter(), "balance after, " + step);
    }

    /** Conservation, no overdraft by a debit, no holes, from the event store and the read model independently. */
    private static void invariantsHold(String household, long modelBalance) {
        long events = sql.count("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", household);
        long maxSeq = sql.count("SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?",
                household);
        assertEquals(events - 1, maxSeq, "no holes in the aggregate's sequence");

        long fromEvents = sql.count("""
                SELECT coalesce(sum(CASE
                    WHEN payload_type LIKE '%AccountOpened' THEN (j->>'baseScore')::bigint
                    WHEN payload_type LIKE '%PointsCredited' THEN (j->>'points')::bigint
                    WHEN payload_type LIKE '%PointsPenalised' THEN -(j->>'points')::bigint
                    WHEN payload_type LIKE '%PointsDebited' THEN -(j->>'points')::bigint
                    WHEN payload_type LIKE '%EntryReversed' THEN (j->>'points')::bigint
                    WHEN payload_type LIKE '%BalanceCarriedOver' THEN (j->>'points')::bigint
                    WHEN payload_type LIKE '%PointsTransferredIn' THEN (j->>'points')::bigint
                    WHEN payload_type LIKE '%PointsTransferredOut' THEN -(j->>'points')::bigint
                    ELSE 0 END), 0)
                FROM (SELECT payload_type, convert_from(payload, 'UTF8')::json AS j FROM domain_event_entry
                      WHERE aggregate_identifier = ?) e""", household);
        assertEquals(modelBalance, fromEvents, "the event store adds up to the model's balance");

        long movements = sql.count("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND ("
                + "payload_type LIKE '%PointsCredited' OR payload_type LIKE '%PointsPenalised' "
                + "OR payload_type LIKE '%PointsDebited' OR payload_type LIKE '%EntryReversed' "
                + "OR payload_type LIKE '%BalanceCarriedOver' OR payload_type LIKE '%PointsTransferred%')", household);
        Eventually.until("projection of " + household, () -> sql.count(
                "SELECT coalesce(max(entries), -1) FROM account_balance WHERE household_id = ?", household) == movements);
        long balance = sql.count("SELECT balance FROM account_balance WHERE household_id = ?", household);
        long byKinds = sql.count("SELECT credited - penalised - debited + reversed FROM account_balance "
                + "WHERE household_id = ?", household);
        long sumOfLines = sql.count("SELECT coalesce(sum(points), 0) FROM passbook_entry WHERE household_id = ?",
                household);
        assertEquals(modelBalance, balance, "read model balance");
        assertEquals(balance, byKinds, "balance = credits - penalties - debits + reversals");
        // (carried-over balances and transfers in count as credited, transfers out as debited)
        assertEquals(balance, sumOfLines, "the passbook's lines add up to the balance");
        assertEquals(0, sql.count("SELECT count(*) FROM passbook_entry WHERE household_id = ? AND kind = 'DEBIT' "
                + "AND balance_after < 0", household), "no debit took the balance below zero");
    }
}
