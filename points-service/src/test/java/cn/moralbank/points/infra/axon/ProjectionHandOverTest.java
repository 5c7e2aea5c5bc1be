package cn.moralbank.points.infra.axon;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.ledger.Ledger;
import cn.moralbank.points.ledger.api.CreditCommand;
import cn.moralbank.points.ledger.api.EntryId;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.testing.Eventually;
import cn.moralbank.points.testing.Sql;
import cn.moralbank.points.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tokens of the projections handed over between processors (docs/adr/0008-one-live-processor.md): a database
 * whose projections each had a processor of their own, at different positions, upgraded to the one live processor,
 * and back, and one projection rebuilt while the others run on: every event reaches every view exactly once. Two
 * projections are watched: the passbook (balances add up, and a passbook line twice is a key violation) and the
 * test's poison probe (a row per credit, keyed by the event).
 */
class ProjectionHandOverTest {
    private static final Actor ADMIN = new Actor("hedong.admin", Role.VILLAGE_ADMIN, "/130826/5/", null, null);

    @Test
    void anUpgradedDatabaseGivesEveryProjectionEveryEventOnceAndSoDoesTheWayBack() {
        Map<String, Object> perProjection = new HashMap<>(TestDatabase.freshDatabaseProperties());
        perProjection.put("test.poison-probe", "true");
        perProjection.put("moralbank.axon.processor-per-projection", "true");
        Map<String, Object> oneProcessor = new HashMap<>(perProjection);
        oneProcessor.remove("moralbank.axon.processor-per-projection");
        List<HouseholdId> households = List.of(HouseholdId.newId(), HouseholdId.newId(), HouseholdId.newId(),
                HouseholdId.newId(), HouseholdId.newId(), HouseholdId.newId());

        // before issue 17: a processor per projection; the probe's stops, the passbook's goes on
        try (ApplicationContext before = start(perProjection)) {
            Sql sql = new Sql(before.getBean(DataSource.class));
            sql.update("CREATE TABLE IF NOT EXISTS poison_probe (event_id varchar(60) primary key, "
                    + "household_id varchar(40) not null, seq bigint not null, points bigint not null)");
            Ledger ledger = before.getBean(Ledger.class);
            for (HouseholdId household : households) {
                ledger.open(ADMIN, household, 10);
                ledger.credit(ADMIN, new CreditCommand(household, new EntryId("a"), 1, "deed", "x"));
            }
            Eventually.until("both views hold the first credits", () -> probeSum(sql) == households.size()
                    && balanceSum(sql) == 11L * households.size());
            processor(before, PoisonProbeProjection.NAME).shutDown();
            for (HouseholdId household : households) {
                ledger.credit(ADMIN, new CreditCommand(household, new EntryId("b"), 2, "deed", "x"));
            }
            Eventually.until("the passbook holds the second credits", () -> balanceSum(sql) == 13L * households.size());
            assertEquals(households.size(), probeSum(sql), "the probe stopped before them");
        }

        // the upgrade: one live processor, starting at the probe's (lower) position; the passbook skips what it had
        try (ApplicationContext upgraded = start(oneProcessor)) {
            Sql sql = new Sql(upgraded.getBean(DataSource.class));
            assertTrue(processor(upgraded, ProjectionProcessors.LIVE).isRunning());
            assertEquals(0, sql.count("SELECT count(*) FROM token_entry WHERE processor_name IN (?, ?)",
                    LedgerGroup.NAME, PoisonProbeProjection.NAME), "the old processors' tokens are renamed");
            Eventually.until("the probe caught up", () -> probeSum(sql) == 3L * households.size());
            Ledger ledger = upgraded.getBean(Ledger.class);
            for (HouseholdId household : households) {
                ledger.credit(ADMIN, new CreditCommand(household, new EntryId("c"), 4, "deed", "x"));
            }
            Eventually.until("both views hold the third credits", () -> probeSum(sql) == 7L * households.size()
                    && balanceSum(sql) == 17L * households.size());
            assertViewsExact(sql, households, 3);
            Eventually.until("the handed-over tokens dropped once passed", () -> sql.count(
                    "SELECT count(*) FROM token_entry WHERE processor_name LIKE 'handed-over/%'") == 0);

            // one projection rebuilt while the others stay where they are
            processor(upgraded, ProjectionProcessors.LIVE).shutDown();
            for (HouseholdId household : households) {
                ledger.credit(ADMIN, new CreditCommand(household, new EntryId("d"), 8, "deed", "x"));
            }
            processor(upgraded, ProjectionProcessors.LIVE).start();
            assertEquals(0, upgraded.getBean(ProjectionReplay.class).replay(LedgerGroup.NAME,
                    new PrintStream(new ByteArrayOutputStream())));
            Eventually.until("both views hold the fourth credits", () -> probeSum(sql) == 15L * households.size()
                    && balanceSum(sql) == 25L * households.size());
            assertViewsExact(sql, households, 4);
        }

        // and back to a processor per projection, taking the live processor's tokens
        try (ApplicationContext back = start(perProjection)) {
            Sql sql = new Sql(back.getBean(DataSource.class));
            assertEquals(0, sql.count("SELECT count(*) FROM token_entry WHERE processor_name = ?",
                    ProjectionProcessors.LIVE));
            Ledger ledger = back.getBean(Ledger.class);
            for (HouseholdId household : households) {
                ledger.credit(ADMIN, new CreditCommand(household, new EntryId("e"), 16, "deed", "x"));
            }
            Eventually.until("both views hold the fifth credits", () -> probeSum(sql) == 31L * households.size()
                    && balanceSum(sql) == 41L * households.size());
            assertViewsExact(sql, households, 5);
        }
    }

    /** Each household: every credit once on its passbook and in the probe, no dead letter anywhere. */
    private static void assertViewsExact(Sql sql, List<HouseholdId> households, int credits) {
        for (HouseholdId household : households) {
            assertEquals(credits + 1, sql.count("SELECT count(*) FROM passbook_entry WHERE household_id = ?",
                    household.value()), "the passbook of " + household.value());
            assertEquals(credits, sql.count("SELECT count(*) FROM poison_probe WHERE household_id = ?",
                    household.value()), "the probe of " + household.value());
        }
        assertEquals(0, sql.count("SELECT count(*) FROM dead_letter_entry"), "nothing handled twice (a key violation "
                + "would be parked)");
    }

    private static long probeSum(Sql sql) {
        return sql.count("SELECT coalesce(sum(points), 0) FROM poison_probe");
    }

    private static long balanceSum(Sql sql) {
        return sql.count("SELECT coalesce(sum(balance), 0) FROM account_balance");
    }

    private static PooledStreamingEventProcessor processor(ApplicationContext context, String name) {
        return context.getBean(Configuration.class).eventProcessingConfiguration()
                .eventProcessor(name, PooledStreamingEventProcessor.class).orElseThrow();
    }

    private static ApplicationContext start(Map<String, Object> properties) {
        return ApplicationContext.builder().environments("test").properties(properties).start();
    }

    /** The passbook's processing group. */
    private static final class LedgerGroup {
        static final String NAME = "ledger-passbook";
    }
}
