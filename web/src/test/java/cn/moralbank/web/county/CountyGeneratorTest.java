package cn.moralbank.web.county;

import cn.moralbank.kiosk.checkout.CheckoutRequest;
import cn.moralbank.kiosk.checkout.CheckoutResult;
import cn.moralbank.kiosk.checkout.CheckoutStatus;
import cn.moralbank.kiosk.checkout.Checkouts;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.ledger.Ledger;
import cn.moralbank.points.ledger.api.CreditCommand;
import cn.moralbank.points.ledger.api.EntryId;
import cn.moralbank.points.ledger.api.EntryResult;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.testing.DatabaseTest;
import cn.moralbank.points.testing.Sql;
import cn.moralbank.points.voucher.VoucherView;
import cn.moralbank.points.voucher.Vouchers;
import cn.moralbank.points.voucher.api.VoucherSerial;
import cn.moralbank.points.voucher.api.VoucherStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A small county (300 households, one year) generated on a fresh database: the figures it prints match the
 * database, every read-model balance is the sum of its account's events, nothing is below zero, no aggregate's
 * sequence has a hole, and the real command path works on what was generated (a credit, a kiosk checkout with the
 * generated card and PIN, a void of a generated voucher). A malformed event fails the aggregate loads here.
 */
@MicronautTest(transactional = false)
class CountyGeneratorTest extends DatabaseTest {
    /** every account's events, signed: the sum is the balance */
    private static final String SIGNED_AMOUNTS = """
            SELECT aggregate_identifier AS household, sum(CASE
                WHEN payload_type LIKE '%.AccountOpened' THEN (convert_from(payload, 'UTF8')::jsonb->>'baseScore')::bigint
                WHEN payload_type LIKE '%.PointsCredited' THEN (convert_from(payload, 'UTF8')::jsonb->>'points')::bigint
                WHEN payload_type LIKE '%.PointsPenalised' THEN -(convert_from(payload, 'UTF8')::jsonb->>'points')::bigint
                WHEN payload_type LIKE '%.PointsDebited' THEN -(convert_from(payload, 'UTF8')::jsonb->>'points')::bigint
                WHEN payload_type LIKE '%.EntryReversed' THEN (convert_from(payload, 'UTF8')::jsonb->>'points')::bigint
                ELSE 0 END) AS amount
            FROM domain_event_entry WHERE type = 'HouseholdAccount' GROUP BY aggregate_identifier""";

    @Inject
    CountyGenerator generator;
    @Inject
    DataSource dataSource;
    @Inject
    Ledger ledger;
    @Inject
    Checkouts checkouts;
    @Inject
    Vouchers vouchers;

    private CountyFigures.Summary summary;
    private String printed;
    private long stored;

    @Override
    public Map<String, String> getProperties() {
        return generatorProperties(super.getProperties());
    }

    /** The database's properties, with no demo county, a test secret, a cheap password cost and a port of its own. */
    static Map<String, String> generatorProperties(Map<String, String> database) {
        Map<String, String> props = new HashMap<>(database);
        props.put("moralbank.jwt-secret", "test-secret-test-secret-test-secret-0123456789");
        props.put("moralbank.demo.load", "false");
        props.put("moralbank.password-cost", "4");
        // a port of its own: a node running on 8080 on the same machine made this test fail to start
        props.put("micronaut.server.port", "-1");
        return props;
    }

    @BeforeAll
    void generate() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        summary = generator.generate(new CountyOptions(300, 1, 7, 2), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        printed = bytes.toString(StandardCharsets.UTF_8);
        stored = sql().count("SELECT count(*) FROM domain_event_entry");
    }

    private Sql sql() {
        return new Sql(dataSource);
    }

    @Test
    void printsTheCountsTheDatabaseHolds() {
        assertEquals(Map.of("COUNTY", 1L, "TOWNSHIP", 1L, "VILLAGE", 1L, "GRID", 8L), summary.regions());
        assertEquals(300L, sql().count("SELECT count(*) FROM household"));
        assertEquals(5L, summary.people().get("COMMITTEE_MEMBER"));
        assertEquals(8L, summary.people().get("GRID_WORKER"));
        assertEquals(1L, summary.people().get("KIOSK"));
        assertEquals(1L, summary.people().get("VILLAGER"));
        assertEquals(10L, sql().count("SELECT count(*) FROM product"));
        assertEquals(300L, summary.events().get("AccountOpened"));
        assertEquals(stored, summary.totalEvents());
        assertTrue(summary.totalEvents() > 3000, "a year of a village's history: " + summary.totalEvents());
        assertTrue(summary.deepEntries() > 150, "the deep household's entries: " + summary.deepEntries());
        assertTrue(printed.contains(String.format("%,d", summary.totalEvents())), printed);
        assertTrue(printed.contains("v0001.kiosk1"), printed);
    }

    @Test
    void everyBalanceIsTheSumOfItsEventsAndNoneIsBelowZero() {
        assertEquals(300L, sql().count("SELECT count(*) FROM account_balance"));
        assertEquals(0L, sql().count("SELECT count(*) FROM (" + SIGNED_AMOUNTS + ") e "
                + "JOIN account_balance b ON b.household_id = e.household WHERE b.balance <> e.amount"));
        assertEquals(0L, sql().count("SELECT count(*) FROM account_balance WHERE balance < 0"));
        assertEquals(0L, sql().count("""
                SELECT count(*) FROM domain_event_entry
                WHERE type = 'HouseholdAccount' AND (convert_from(payload, 'UTF8')::jsonb->>'balanceAfter')::bigint < 0"""));
        // the running balance each event states is the sum of the account's events up to it
        assertEquals(0L, sql().count("""
                SELECT count(*) FROM (
                  SELECT (convert_from(payload, 'UTF8')::jsonb->>'balanceAfter')::bigint AS stated,
                         sum(CASE WHEN payload_type LIKE '%.AccountOpened'
                                  THEN (convert_from(payload, 'UTF8')::jsonb->>'baseScore')::bigint
                                  WHEN payload_type LIKE '%.PointsDebited' OR payload_type LIKE '%.PointsPenalised'
                                  THEN -(convert_from(payload, 'UTF8')::jsonb->>'points')::bigint
                                  ELSE (convert_from(payload, 'UTF8')::jsonb->>'points')::bigint END)
                           OVER (PARTITION BY aggregate_identifier ORDER BY sequence_number) AS running,
                         payload_type
                  FROM domain_event_entry WHERE type = 'HouseholdAccount') x
                WHERE payload_type NOT LIKE '%.AccountOpened' AND stated <> running"""));
    }

    /** The command-side ledger_entry holds what the command handlers would have written with each account event. */
    @Test
    void everyEntryAnAccountBookedIsRememberedWithItsReversal() {
        assertEquals(sql().count("""
                SELECT count(*) FROM domain_event_entry WHERE type = 'HouseholdAccount'
                  AND payload_type NOT LIKE '%.AccountOpened' AND payload_type NOT LIKE '%.AccountClosed'"""),
                sql().count("SELECT count(*) FROM ledger_entry"));
        assertEquals(sql().count("SELECT count(*) FROM ledger_entry WHERE kind = 'REVERSAL'"),
                sql().count("SELECT count(*) FROM ledger_entry WHERE reversed_by IS NOT NULL"));
        assertTrue(sql().count("SELECT count(*) FROM ledger_entry WHERE kind = 'REVERSAL'") > 0);
        // each entry's balance is the one its event states, as the passbook shows it
        assertEquals(0L, sql().count("""
                SELECT count(*) FROM passbook_entry p WHERE p.kind <> 'OPENING' AND NOT EXISTS (
                  SELECT 1 FROM ledger_entry l WHERE l.household_id = p.household_id
                    AND l.balance_after = p.balance_after AND NOT l.refused)"""));
    }

    @Test
    void noSequenceHasAHoleAndEveryEventSaysWhoDidIt() {
        assertEquals(0L, sql().count("""
                SELECT count(*) FROM (SELECT aggregate_identifier FROM domain_event_entry GROUP BY aggregate_identifier
                HAVING min(sequence_number) <> 0 OR max(sequence_number) <> count(*) - 1) holes"""));
        assertEquals(0L, sql().count("""
                SELECT count(*) FROM domain_event_entry WHERE NOT jsonb_exists_all(convert_from(meta_data, 'UTF8')::jsonb,
                    array['actorUser', 'actorRole', 'actorRegion', 'correlationId', 'traceId'])"""));
        assertEquals(0L, sql().count("""
                SELECT count(*) FROM domain_event_entry WHERE convert_from(meta_data, 'UTF8')::jsonb->>'actorRole' = 'KIOSK'
                    AND NOT jsonb_exists(convert_from(meta_data, 'UTF8')::jsonb, 'actorDevice')"""));
        assertEquals(0L, sql().count("SELECT count(*) FROM domain_event_entry WHERE type NOT IN "
                + "('HouseholdAccount', 'Deed', 'ReviewSession', 'Voucher', 'SupermarketStock')"));
        // the checkouts' rows match their stock events, so a refund or a retry finds them
        assertEquals(summary.events().get("StockSold"), sql().count("SELECT count(*) FROM checkout"));
    }

    @Test
    void theRealCommandPathWorksOnGeneratedHouseholds() {
        String deep = summary.deepHousehold();
        long before = sql().count("SELECT balance FROM account_balance WHERE household_id = ?", deep);
        long lastSequence = sql().count("SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?", deep);
        String path = (String) sql().single("SELECT region_path FROM household WHERE id = ?", deep);
        String village = path.substring(0, path.substring(0, path.length() - 1).lastIndexOf('/') + 1);
        Actor admin = new Actor("v0001.admin", Role.VILLAGE_ADMIN, village, null, null);

        EntryResult credit = ledger.credit(admin, new CreditCommand(new HouseholdId(deep), new EntryId("test-credit"), 5,
                "test", "测试"));
        assertEquals(before + 5, credit.balanceAfter());
        assertEquals(lastSequence + 1, sql().count("SELECT max(sequence_number) FROM domain_event_entry "
                + "WHERE aggregate_identifier = ?", deep));
        assertEquals(1L, sql().count("SELECT count(DISTINCT type) FROM domain_event_entry WHERE aggregate_identifier = ?",
                deep), "the real path names the aggregate type as the generator did");

        Actor kiosk = new Actor("v0001.kiosk1", Role.KIOSK, village, null, "v0001.kiosk1");
        long product = sql().count("SELECT min(id) FROM product");
        long price = sql().count("SELECT price_points FROM product WHERE id = ?", product);
        CheckoutResult result = checkouts.checkout(kiosk, new CheckoutRequest(UUID.randomUUID().toString(),
                summary.deepCard(), CountyGenerator.PIN, List.of(new CheckoutRequest.Line(product, 1, price)), null));
        assertEquals(CheckoutStatus.COMPLETED, result.status());
        assertEquals(before + 5 - price, result.balanceAfter());

        String issued = (String) sql().single("SELECT serial FROM voucher_view WHERE status = 'ISSUED' ORDER BY serial LIMIT 1");
        assertNotNull(issued, "a generated voucher still to spend");
        String owner = (String) sql().single("SELECT household_id FROM voucher_view WHERE serial = ?", issued);
        long ownerBefore = (Long) sql().single("SELECT balance FROM account_balance WHERE household_id = ?", owner);
        long points = sql().count("SELECT points FROM voucher_view WHERE serial = ?", issued);
        VoucherView voided = vouchers.voidVoucher(admin, new VoucherSerial(issued), "测试作废");
        assertNotNull(voided);
        long reversed = sql().count("""
                SELECT (convert_from(payload, 'UTF8')::jsonb->>'balanceAfter')::bigint FROM domain_event_entry
                WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1""", owner);
        assertEquals(ownerBefore + points, reversed, "the void reversed the generated issue entry");
        assertEquals(VoucherStatus.VOIDED.name(), sql().single("""
                SELECT regexp_replace(payload_type, '.*\\.', '') FROM domain_event_entry WHERE aggregate_identifier = ?
                ORDER BY sequence_number DESC LIMIT 1""", issued).toString().equals("VoucherVoided") ? "VOIDED" : "no");
    }
}
