package cn.moralbank.points.ledger;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.TryAgainLater;
import cn.moralbank.points.ledger.api.*;
import cn.moralbank.points.testing.DatabaseTest;
import cn.moralbank.points.testing.Eventually;
import cn.moralbank.points.testing.Sql;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.*;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A ledger command whose retry cannot finish (here: the event-store slot it needs is held by another, uncommitted
 * transaction, as a stuck connection would) answers "try again" after the configured wait instead of holding the
 * caller for ever; once the database frees up it takes effect once, and the same command sent again is a repeat.
 */
@MicronautTest(transactional = false)
class LedgerTimeoutTest extends DatabaseTest {
    private static final Actor ADMIN = new Actor("hedong.admin", Role.VILLAGE_ADMIN, "/130826/", null, null);

    @Inject Ledger ledger;
    @Inject DataSource dataSource;
    @Inject TransactionOperations<Connection> transactions;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(super.getProperties());
        props.put("moralbank.axon.command-timeout-millis", "1500");
        return props;
    }

    @Test
    void aRetryThatCannotFinishAnswersTryAgainAndTakesEffectOnceLater() throws Exception {
        HouseholdId household = HouseholdId.newId();
        ledger.open(ADMIN, household, 50);
        Sql sql = new Sql(dataSource);
        long next = nextSequence(sql, household);
        CreditCommand credit = new CreditCommand(household, new EntryId("slow-1"), 5, "deed", "助人为乐");
        ExecutorService caller = Executors.newSingleThreadExecutor();
        var pool = DelegatingDataSource.unwrapDataSource(dataSource);
        try (var racer = pool.getConnection(); var staller = pool.getConnection()) {
            // another writer takes the command's slot (so its first attempt loses the race and is retried) ...
            racer.setAutoCommit(false);
            foreignEvent(racer, household, next, "racer");
            // ... and a stuck transaction holds the slot the retry needs, so the retry cannot finish
            staller.setAutoCommit(false);
            foreignEvent(staller, household, next + 1, "staller");
            Future<EntryResult> answer = caller.submit(() -> ledger.credit(ADMIN, credit));
            racer.commit();
            long raced = System.nanoTime();
            ExecutionException failed = assertThrows(ExecutionException.class, () -> answer.get(20, TimeUnit.SECONDS),
                    "the caller gets an answer while the retry is stuck");
            long waitedMillis = (System.nanoTime() - raced) / 1_000_000;
            TryAgainLater busy = assertInstanceOf(TryAgainLater.class, failed.getCause());
            assertEquals("commands.busy", busy.code());
            assertTrue(waitedMillis >= 1000 && waitedMillis < 10_000, "answered after " + waitedMillis + " ms");
            assertEquals(0, credits(sql, "slow-1"), "nothing booked while the retry is stuck");
            staller.rollback();
        } finally {
            caller.shutdownNow();
        }
        // Either the retry still running in the background books it once the event store is free, or (when the
        // caller's own first attempt gave up on the row lock) nothing was booked: sending it again books it once.
        EntryResult again = ledger.credit(ADMIN, credit);
        assertTrue(again.applied(), "the same command again is booked or answered as a repeat: " + again);
        assertEquals(55, again.balanceAfter());
        Eventually.until("no retry books it a second time", () -> credits(sql, "slow-1") == 1);
        EntryResult third = ledger.credit(ADMIN, credit);
        assertTrue(third.repeated(), "a third send is a repeat: " + third);
        assertEquals(1, credits(sql, "slow-1"), "booked exactly once");
    }

    /**
     * Inside a caller's own transaction (a merge, a split) a command that loses the race for its event's slot is not
     * retried: it answers "try again" (503), not a 500 with Axon's ConcurrencyException, and books nothing.
     */
    @Test
    void aCommandThatLosesTheRaceInsideTheCallersTransactionAnswersTryAgain() throws Exception {
        HouseholdId household = HouseholdId.newId();
        ledger.open(ADMIN, household, 50);
        Sql sql = new Sql(dataSource);
        long next = nextSequence(sql, household);
        CreditCommand credit = new CreditCommand(household, new EntryId("raced-1"), 5, "deed", "助人为乐");
        ExecutorService caller = Executors.newSingleThreadExecutor();
        var pool = DelegatingDataSource.unwrapDataSource(dataSource);
        try (var racer = pool.getConnection()) {
            racer.setAutoCommit(false);
            foreignEvent(racer, household, next, "racer");
            Future<EntryResult> answer = caller.submit(() -> transactions.executeWrite(status ->
                    ledger.credit(ADMIN, credit)));
            // the command has loaded the account and waits for the racer's slot: then the racer commits first
            Eventually.until("the command waits for the racer's slot", () -> sql.count("SELECT count(*) FROM "
                    + "pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO domain_event_entry%'")
                    > 0);
            racer.commit();
            ExecutionException failed = assertThrows(ExecutionException.class, () -> answer.get(20, TimeUnit.SECONDS));
            TryAgainLater busy = assertInstanceOf(TryAgainLater.class, failed.getCause(), failed.getCause().toString());
            assertEquals("commands.busy", busy.code());
        } finally {
            caller.shutdownNow();
        }
        assertEquals(0, credits(sql, "raced-1"), "nothing booked");
    }

    /** An event of a type the ledger does not know (so the household's state does not change) at a sequence. */
    private static void foreignEvent(Connection connection, HouseholdId household, long sequence, String id)
            throws SQLException {
        try (var insert = connection.prepareStatement("INSERT INTO domain_event_entry (event_identifier, "
                + "aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload, meta_data) "
                + "SELECT ?, aggregate_identifier, ?, type, time_stamp, 'cn.moralbank.test.Foreign', "
                + "convert_to('{}', 'UTF8'), meta_data FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? AND sequence_number = 0")) {
            insert.setString(1, id + "-" + household.value());
            insert.setLong(2, sequence);
            insert.setString(3, household.value());
            assertEquals(1, insert.executeUpdate());
        }
    }

    private static long nextSequence(Sql sql, HouseholdId household) {
        return sql.count("SELECT max(sequence_number) + 1 FROM domain_event_entry WHERE aggregate_identifier = ?",
                household.value());
    }

    /** The ledger's events booked under this entry id. */
    private static long credits(Sql sql, String entryId) {
        return sql.count("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%.ledger.api.Points%' "
                + "AND convert_from(payload, 'UTF8')::jsonb -> 'entryId' ->> 'value' = ?", entryId);
    }
}
