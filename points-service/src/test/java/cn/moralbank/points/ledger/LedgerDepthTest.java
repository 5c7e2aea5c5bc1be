package cn.moralbank.points.ledger;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.infra.axon.ProjectionReplay;
import cn.moralbank.points.ledger.api.*;
import cn.moralbank.points.testing.DatabaseTest;
import cn.moralbank.points.testing.Eventually;
import cn.moralbank.points.testing.Sql;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Long histories: snapshots keep a deep account as quick to load as a new one; replay rebuilds the passbook. */
@MicronautTest(transactional = false)
class LedgerDepthTest extends DatabaseTest {
    private static final Actor ADMIN = new Actor("hedong.admin", Role.VILLAGE_ADMIN, "/130826/", null, null);

    @Inject Ledger ledger;
    @Inject ProjectionReplay replay;
    @Inject DataSource dataSource;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(super.getProperties());
        props.put("moralbank.axon.snapshot-threshold", "50");
        // every command loads its account from the store, as after a restart or on a cache miss: what is timed
        props.put("moralbank.axon.cache-size", "0");
        return props;
    }

    @Test
    void anAccountWithThousandsOfEntriesLoadsFromItsSnapshotNotItsWholeHistory() {
        HouseholdId deep = HouseholdId.newId();
        ledger.open(ADMIN, deep, 0);
        for (int i = 0; i < 2000; i++) {
            ledger.credit(ADMIN, new CreditCommand(deep, new EntryId("deed-" + i), 1, "deed", "助人为乐"));
        }
        Sql sql = new Sql(dataSource);
        long snapshotAt = sql.count("SELECT max(sequence_number) FROM snapshot_event_entry WHERE aggregate_identifier = ?",
                deep.value());
        assertTrue(snapshotAt >= 2000 - 50, "a recent snapshot, at " + snapshotAt);

        HouseholdId fresh = HouseholdId.newId();
        ledger.open(ADMIN, fresh, 0);
        ledger.credit(ADMIN, new CreditCommand(fresh, new EntryId("seed"), 1000, "deed", "x"));
        ledger.credit(ADMIN, new CreditCommand(deep, new EntryId("warm"), 1, "deed", "x"));
        // alternate short batches and keep each account's best: a shared machine's noise only ever adds time
        long deepNanos = Long.MAX_VALUE;
        long freshNanos = Long.MAX_VALUE;
        for (int batch = 0; batch < 6; batch++) {
            deepNanos = Math.min(deepNanos, timeDebits(deep, batch));
            freshNanos = Math.min(freshNanos, timeDebits(fresh, batch));
        }
        System.out.printf("debit on an account of 2000 entries: %.2f ms, on a new one: %.2f ms%n",
                deepNanos / 1e6, freshNanos / 1e6);
        // Guards the snapshots: without them the deep account replays 2,000 events (over 10x); with the remembered
        // entries in the snapshot it took 2-4x; with them in ledger_entry, looked up by id, about the same as a new
        // account (the benchmark's figure is in docs/performance.md). The bound leaves room for a shared machine.
        assertTrue(deepNanos < 3 * freshNanos + 1_000_000, deepNanos + " vs " + freshNanos);
    }

    private long timeDebits(HouseholdId household, int batch) {
        int rounds = 15;
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            ledger.debit(ADMIN, new DebitCommand(household, new EntryId("t-" + batch + "-" + i), 1, "checkout", "兑换"));
        }
        return (System.nanoTime() - start) / rounds;
    }

    @Test
    void aRebuiltPassbookEqualsTheLiveOne() {
        HouseholdId household = HouseholdId.newId();
        ledger.open(ADMIN, household, 60);
        ledger.credit(ADMIN, new CreditCommand(household, new EntryId("d-1"), 10, "deed", "助人为乐"));
        ledger.penalise(ADMIN, new PenaliseCommand(household, new EntryId("p-1"), 20, "deed", "赌博"));
        ledger.debit(ADMIN, new DebitCommand(household, new EntryId("c-1"), 30, "checkout", "兑换"));
        ledger.reverse(ADMIN, new ReverseCommand(household, new EntryId("r-1"), new EntryId("p-1"), "复核"));
        Sql sql = new Sql(dataSource);
        String snapshotQuery = "SELECT string_agg(household_id || ':' || seq || ':' || kind || ':' || points || ':' "
                + "|| balance_after || ':' || reason || ':' || recorded_by, '|' ORDER BY household_id, seq) FROM passbook_entry";
        String balancesQuery = "SELECT string_agg(household_id || ':' || balance || ':' || credited || ':' || penalised "
                + "|| ':' || debited || ':' || reversed || ':' || entries, '|' ORDER BY household_id) FROM account_balance";
        Eventually.until("projection", () -> sql.count(
                "SELECT count(*) FROM passbook_entry WHERE household_id = ?", household.value()) == 5);
        // the live projection must have caught up with every account's events (the other test writes thousands)
        Eventually.until("the live projection caught up", () -> sql.count(
                "SELECT coalesce(sum(entries), 0) FROM account_balance") == sql.count(
                "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%.ledger.api.Points%' "
                        + "OR payload_type LIKE '%.ledger.api.EntryReversed'"));
        Object livePassbook = sql.single(snapshotQuery);
        Object liveBalances = sql.single(balancesQuery);

        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        assertEquals(0, replay.replay("ledger-passbook", new PrintStream(progress)));
        assertTrue(progress.toString().contains("Done"), progress.toString());
        long lines = sql.count("SELECT count(*) FROM passbook_entry");
        long accounts = sql.count("SELECT count(*) FROM account_balance");
        assertTrue(lines > 0 && accounts > 0);
        assertEquals(livePassbook, sql.single(snapshotQuery), "the rebuilt passbook");
        assertEquals(liveBalances, sql.single(balancesQuery), "the rebuilt balances");
        assertEquals(List.of(60L, 70L, 50L, 20L, 40L), List.of(
                sql.count("SELECT balance_after FROM passbook_entry WHERE household_id = ? AND seq = 0", household.value()),
                sql.count("SELECT balance_after FROM passbook_entry WHERE household_id = ? AND seq = 1", household.value()),
                sql.count("SELECT balance_after FROM passbook_entry WHERE household_id = ? AND seq = 2", household.value()),
                sql.count("SELECT balance_after FROM passbook_entry WHERE household_id = ? AND seq = 3", household.value()),
                sql.count("SELECT balance_after FROM passbook_entry WHERE household_id = ? AND seq = 4", household.value())));
    }
}
