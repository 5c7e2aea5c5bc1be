package cn.moralbank.points.ledger;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.ledger.api.*;
import cn.moralbank.points.testing.Sql;
import cn.moralbank.points.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/**
 * An event store written by the version before ledger_entry (V97): the account's events, and a snapshot of revision
 * 3 that carried every entry in one line. The upgrade fills the table from the stored events (no replay), the old
 * snapshot is passed over, and the account answers retries and reversals as it did.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnOldEventStoreTest {
    private static final Actor ADMIN = new Actor("hedong-admin", Role.VILLAGE_ADMIN, "/130826/", null, null);
    private static final String HH = "0b6c1c9e-old-account";
    private static final String API = "cn.moralbank.points.ledger.api.";

    private ApplicationContext context;
    private Ledger ledger;
    private Sql sql;

    @BeforeAll
    void upgradeAStoreTheOldVersionWrote() throws Exception {
        Map<String, Object> props = TestDatabase.freshDatabaseProperties();
        String url = (String) props.get("datasources.default.url");
        String user = (String) props.get("datasources.default.username");
        String password = String.valueOf(props.getOrDefault("datasources.default.password", ""));
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").target("96")
                .load().migrate();
        String id = "{\"householdId\":{\"value\":\"" + HH + "\"}";
        try (var c = DriverManager.getConnection(url, user, password)) {
            event(c, 0, "AccountOpened", id + ",\"baseScore\":50}");
            event(c, 1, "PointsCredited", id + ",\"entryId\":{\"value\":\"deed-1\"},\"points\":10,\"source\":\"deed\","
                    + "\"reason\":\"助人为乐\",\"balanceAfter\":60}");
            event(c, 2, "PointsDebited", id + ",\"entryId\":{\"value\":\"co-1\"},\"points\":20,"
                    + "\"source\":\"checkout\",\"reason\":\"兑换\",\"balanceAfter\":40}");
            event(c, 3, "DebitRefused", id + ",\"entryId\":{\"value\":\"co-2\"},\"points\":100,"
                    + "\"source\":\"checkout\",\"balance\":40}");
            event(c, 4, "EntryReversed", id + ",\"reversalId\":{\"value\":\"rev-1\"},\"originalEntryId\":"
                    + "{\"value\":\"co-1\"},\"originalKind\":\"DEBIT\",\"points\":20,\"reason\":\"退货\","
                    + "\"balanceAfter\":60}");
            // the old snapshot, with its line of entries; its balance is wrong on purpose: if it were read, it shows
            insert(c, "snapshot_event_entry", "HouseholdAccount", 4, "cn.moralbank.points.ledger.HouseholdAccount", "3",
                    id + ",\"balance\":999,\"entries\":\"deed-1,CREDIT,10,10,,,60,0 co-1,DEBIT,20,-20,,rev-1,40,0 "
                            + "co-2,DEBIT,100,0,,,40,1 rev-1,REVERSAL,0,20,co-1,,60,0\",\"closedBy\":null}");
        }
        context = ApplicationContext.builder().environments("test").properties(props).start();
        ledger = context.getBean(Ledger.class);
        sql = new Sql(context.getBean(DataSource.class));
    }

    @AfterAll
    void stop() {
        context.close();
    }

    @Test
    void theUpgradeFillsTheEntriesFromTheStoredEvents() {
        assertEquals("co-1:DEBIT:-20:rev-1|co-2:DEBIT:0:-|deed-1:CREDIT:10:-|rev-1:REVERSAL:20:-", sql.single(
                "SELECT string_agg(entry_id || ':' || kind || ':' || change || ':' || coalesce(reversed_by, '-'), '|' "
                        + "ORDER BY entry_id) FROM ledger_entry WHERE household_id = ?", HH));
    }

    @Test
    void retriesAndReversalsAreAnsweredAsBeforeTheUpgrade() {
        HouseholdId hh = new HouseholdId(HH);
        assertEquals(new EntryResult(new EntryId("deed-1"), EntryResult.Outcome.APPLIED, 10, 60, true),
                ledger.credit(ADMIN, new CreditCommand(hh, new EntryId("deed-1"), 10, "deed", "助人为乐")));
        assertEquals(new EntryResult(new EntryId("co-2"), EntryResult.Outcome.REFUSED, 100, 40, true),
                ledger.debit(ADMIN, new DebitCommand(hh, new EntryId("co-2"), 100, "checkout", "兑换")));
        assertRefused("ledger.entry-id.reused",
                () -> ledger.credit(ADMIN, new CreditCommand(hh, new EntryId("deed-1"), 11, "deed", "x")));
        assertRefused("ledger.reverse.already",
                () -> ledger.reverse(ADMIN, new ReverseCommand(hh, new EntryId("rev-2"), new EntryId("co-1"), "x")));
        assertRefused("ledger.reverse.of-reversal",
                () -> ledger.reverse(ADMIN, new ReverseCommand(hh, new EntryId("rev-3"), new EntryId("rev-1"), "x")));
        // the balance comes from the events, not from the passed-over snapshot's 999
        assertEquals(65, ledger.credit(ADMIN, new CreditCommand(hh, new EntryId("deed-2"), 5, "deed", "x"))
                .balanceAfter());
    }

    private static void assertRefused(String code, Runnable command) {
        LedgerRefusal refusal = assertThrows(LedgerRefusal.class, command::run);
        assertTrue(refusal.getMessage().contains(code), refusal.getMessage());
    }

    private static void event(Connection c, long seq, String type, String json) throws Exception {
        insert(c, "domain_event_entry", "HouseholdAccount", seq, API + type, null, json);
    }

    private static void insert(Connection c, String table, String aggregateType, long seq, String payloadType,
                               String revision, String json) throws Exception {
        try (var s = c.prepareStatement("INSERT INTO " + table + " (event_identifier, aggregate_identifier, "
                + "sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data) "
                + "VALUES (?, ?, ?, ?, '2025-06-01T08:00:00Z', ?, ?, ?, ?)")) {
            s.setString(1, UUID.randomUUID().toString());
            s.setString(2, HH);
            s.setLong(3, seq);
            s.setString(4, aggregateType);
            s.setString(5, payloadType);
            s.setString(6, revision);
            s.setBytes(7, json.getBytes(StandardCharsets.UTF_8));
            s.setBytes(8, "{}".getBytes(StandardCharsets.UTF_8));
            s.executeUpdate();
        }
    }
}
