package cn.moralbank.points.ledger;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.infra.axon.ProjectionProcessors;
import cn.moralbank.points.infra.axon.ProjectionReplay;
import cn.moralbank.points.ledger.api.CreditCommand;
import cn.moralbank.points.ledger.api.EntryId;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.testing.DatabaseTest;
import cn.moralbank.points.testing.Eventually;
import cn.moralbank.points.testing.ProjectionTokens;
import cn.moralbank.points.testing.Sql;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Fault injection e, transient: the passbook projection's write for one household fails with a transient error (a
 * trigger on {@code passbook_entry} raises SQL state 40001, a serialization failure, as a conflict or an outage
 * would). Such a failure says nothing about the event: it must not be parked as a dead letter (DeadLetterTest has
 * the failures that are), and the processor must neither skip the event nor advance its token past it: it retries
 * the batch, and once the fault is gone it catches up, equal to a rebuilt projection.
 */
@MicronautTest(transactional = false)
class ProjectionFaultTest extends DatabaseTest {
    private static final Actor ADMIN = new Actor("hedong.admin", Role.VILLAGE_ADMIN, "/130826/", null, null);
    static final String PASSBOOK_PROCESSOR = "ledger-passbook";
    static final String PASSBOOK = "SELECT string_agg(event_id || ':' || household_id || ':' || seq || ':' || points "
            + "|| ':' || balance_after, '|' ORDER BY household_id, seq) FROM passbook_entry";
    static final String BALANCES = "SELECT string_agg(household_id || ':' || balance || ':' || credited || ':' "
            + "|| entries, '|' ORDER BY household_id) FROM account_balance";

    @Inject Ledger ledger;
    @Inject ProjectionReplay replay;
    @Inject DataSource dataSource;

    @Test
    void aThrowingProjectionRetriesTheEventAndNeverSkipsIt() throws Exception {
        Sql sql = new Sql(dataSource);
        HouseholdId poisoned = HouseholdId.newId();
        ledger.open(ADMIN, poisoned, 10);
        Eventually.until("the opening", () -> balance(sql, poisoned) == 10);

        sql.update("CREATE SEQUENCE fault_attempts");
        sql.update("""
                CREATE FUNCTION fault_passbook() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  PERFORM nextval('fault_attempts');  -- a sequence is not rolled back: it counts the attempts
                  RAISE EXCEPTION 'injected transient fault: passbook write for %', NEW.household_id
                    USING ERRCODE = '40001';
                END $$""");
        sql.update("CREATE TRIGGER fault_passbook BEFORE INSERT ON passbook_entry FOR EACH ROW WHEN "
                + "(NEW.household_id = '" + poisoned.value() + "') EXECUTE FUNCTION fault_passbook()");

        ledger.credit(ADMIN, new CreditCommand(poisoned, new EntryId("f-1"), 5, "deed", "助人为乐"));
        ledger.credit(ADMIN, new CreditCommand(poisoned, new EntryId("f-2"), 7, "deed", "助人为乐"));
        long poisonIndex = sql.count("SELECT min(global_index) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND sequence_number = 1", poisoned.value());
        // other households go on being credited meanwhile
        HouseholdId[] others = new HouseholdId[6];
        for (int i = 0; i < others.length; i++) {
            others[i] = HouseholdId.newId();
            ledger.open(ADMIN, others[i], 0);
            ledger.credit(ADMIN, new CreditCommand(others[i], new EntryId("o-" + i), 3, "deed", "x"));
        }
        Eventually.until("several attempts", () -> sql.count("SELECT last_value FROM fault_attempts") >= 2);

        assertEquals(10, balance(sql, poisoned), "the balance row of the failed batch was rolled back");
        assertEquals(0, sql.count("SELECT count(*) FROM dead_letter_entry"), "a transient failure is not parked");
        assertEquals(0, sql.count("SELECT count(*) FROM passbook_entry WHERE household_id = ? AND seq > 0",
                poisoned.value()), "neither the failing event nor the next one of the household is on the passbook");
        ProjectionTokens tokens = new ProjectionTokens(dataSource, ProjectionProcessors.LIVE);
        long position = tokens.positionFor(poisoned.value());
        assertTrue(position < poisonIndex, "the segment's token stays before the failing event: " + position
                + " < " + poisonIndex);
        for (HouseholdId other : others) {
            if (tokens.segmentOf(other.value()) != tokens.segmentOf(poisoned.value())) {
                Eventually.until("a household on another segment", () -> balance(sql, other) == 3);
            }
        }

        sql.update("DROP TRIGGER fault_passbook ON passbook_entry");
        Eventually.until("the household caught up", () -> balance(sql, poisoned) == 22);
        assertEquals(3, sql.count("SELECT count(*) FROM passbook_entry WHERE household_id = ?", poisoned.value()));
        for (HouseholdId other : others) {
            Eventually.until("every household caught up", () -> balance(sql, other) == 3);
        }
        assertTrue(tokens.positionFor(poisoned.value()) >= poisonIndex, "the token moved past the event once written");
        assertEquals(0, sql.count("SELECT count(*) FROM dead_letter_entry"), "nothing was parked meanwhile");
        Object livePassbook = sql.single(PASSBOOK);
        Object liveBalances = sql.single(BALANCES);
        assertEquals(0, replay.replay(PASSBOOK_PROCESSOR, new PrintStream(new ByteArrayOutputStream())));
        assertEquals(livePassbook, sql.single(PASSBOOK), "the caught-up passbook equals a rebuilt one");
        assertEquals(liveBalances, sql.single(BALANCES), "the caught-up balances equal rebuilt ones");
    }

    private static long balance(Sql sql, HouseholdId household) {
        return sql.count("SELECT balance FROM account_balance WHERE household_id = ?", household.value());
    }
}
