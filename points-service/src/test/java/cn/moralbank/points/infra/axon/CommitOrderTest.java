package cn.moralbank.points.infra.axon;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.ledger.Ledger;
import cn.moralbank.points.ledger.api.CreditCommand;
import cn.moralbank.points.ledger.api.EntryId;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.testing.DatabaseTest;
import cn.moralbank.points.testing.Eventually;
import cn.moralbank.points.testing.ProjectionTokens;
import cn.moralbank.points.testing.Sql;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The crash skip's second cause, forced (ADR 0007): a transaction takes its event's position, then commits after
 * later events' transactions have committed and been read. With positions from a sequence and Axon's gap tracking,
 * the processor read past the held position, and once more than {@code maxGapOffset} (10,000) events followed, it
 * forgot the gap: the late event was never handled. With positions in commit order nothing is read past a
 * transaction still running, so the late event is handled first, whatever follows it.
 */
@MicronautTest(transactional = false)
class CommitOrderTest extends DatabaseTest {
    private static final Actor ADMIN = new Actor("hedong.admin", Role.VILLAGE_ADMIN, "/130826/", null, null);
    private static final long HOLD = 941_001;

    @Inject Ledger ledger;
    @Inject DataSource dataSource;

    @Test
    void anEventWhoseTransactionCommitsLateIsNeverSkipped() throws Exception {
        Sql sql = new Sql(dataSource);
        boolean readPast;
        HouseholdId after;
        HouseholdId late = HouseholdId.newId();
        ledger.open(ADMIN, late, 10);
        Eventually.until("the opening", () -> balance(sql, late) == 10);

        // the household's next append waits, after its row (and position) is taken, until the test lets it go
        sql.update("""
                CREATE FUNCTION hold_append() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  PERFORM set_config('lock_timeout', '0', true); -- the application's 5 s would give up the hold
                  PERFORM pg_advisory_xact_lock(%d);
                  RETURN NULL;
                END $$""".formatted(HOLD));
        sql.update("CREATE TRIGGER hold_append AFTER INSERT ON domain_event_entry FOR EACH ROW WHEN "
                + "(NEW.aggregate_identifier = '" + late.value() + "') EXECUTE FUNCTION hold_append()");
        try (Connection holder = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            holder.setAutoCommit(true);
            holder.createStatement().execute("SELECT pg_advisory_lock(" + HOLD + ")");
            CompletableFuture<?> credit = CompletableFuture.runAsync(() ->
                    ledger.credit(ADMIN, new CreditCommand(late, new EntryId("late-1"), 5, "deed", "助人为乐")));
            Eventually.until("the credit's row is written and held", () -> sql.count(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted") == 1);

            // more events than Axon's gap tracking remembers, committed after the held one took its position
            sql.update("""
                    INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                        time_stamp, payload_type, payload, meta_data)
                    SELECT gen_random_uuid()::text, gen_random_uuid()::text, 0, 'Filler',
                        to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                        'cn.moralbank.test.Filler', '\\x7b7d'::bytea, '\\x7b7d'::bytea
                    FROM generate_series(1, 10050)""");
            after = HouseholdId.newId();
            ledger.open(ADMIN, after, 7);
            // give the processors time to read whatever they may: before the fix they read all of it, past the held
            // event, and the household opened after it shows; in commit order they cannot pass the held transaction
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (balance(sql, after) < 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            readPast = balance(sql, after) >= 0;

            holder.createStatement().execute("SELECT pg_advisory_unlock(" + HOLD + ")");
            credit.get(30, TimeUnit.SECONDS);
        }
        Eventually.until("the late credit on the balance", () -> balance(sql, late) == 15);
        assertEquals(2, sql.count("SELECT count(*) FROM passbook_entry WHERE household_id = ?", late.value()),
                "the opening and the late credit are on the passbook");
        ProjectionTokens tokens = new ProjectionTokens(dataSource, ProjectionProcessors.LIVE);
        long lateIndex = sql.count("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND sequence_number = 1", late.value());
        assertTrue(tokens.positionFor(late.value()) >= lateIndex);
        assertFalse(readPast, "nothing committed after the held transaction was read before it");
    }

    private static long balance(Sql sql, HouseholdId household) {
        Object balance = sql.single("SELECT balance FROM account_balance WHERE household_id = ?", household.value());
        return balance == null ? -1 : ((Number) balance).longValue();
    }
}
