package cn.moralbank.web.verify;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.household.Household;
import cn.moralbank.points.household.HouseholdChanges;
import cn.moralbank.points.household.Households;
import cn.moralbank.points.household.NewHousehold;
import cn.moralbank.points.region.Regions;
import cn.moralbank.points.ledger.Ledger;
import cn.moralbank.points.ledger.api.CarryOverBalanceCommand;
import cn.moralbank.points.ledger.api.EntryId;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.ledger.api.PointsTransferredIn;
import cn.moralbank.points.testing.Eventually;
import cn.moralbank.web.testing.AppTest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * verify on the demo county: clean as loaded; each kind of view tampered with by SQL (a balance, a passbook line,
 * a stock row, a voucher's status) reported with the field and both values; --repair household puts the household
 * right and verify is clean again; the command's exit statuses; the operations page and the health indicator.
 */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VerifyTest extends AppTest {
    @Inject
    ApplicationContext context;
    @Inject
    Verifier verifier;

    String household;

    @BeforeAll
    void settled() {
        household = householdOf("河东村");
        // a voucher, so that a voucher view exists to tamper with
        client.toBlocking().exchange(as("hedong.admin", HttpRequest.POST("/api/households/" + household
                + "/vouchers", Map.of("batchId", "11111111-2222-3333-4444-555555555555",
                "denominations", List.of(5)))), Map.class);
        goLiveEntries();
        Eventually.until("the demo county projected", () -> verifier.verify(new Verifier.Listener() {
        }).clean());
    }

    /** An opening balance from paper, a split's transfer and a merge: verify must know these events too. */
    private void goLiveEntries() {
        var ledger = context.getBean(Ledger.class);
        var actor = new Actor("verify.test", Role.VILLAGE_ADMIN,
                "/", null, null);
        var a = HouseholdId.newId();
        var b = HouseholdId.newId();
        ledger.open(actor, a, 10);
        ledger.open(actor, b, 0);
        ledger.carryOver(actor, new CarryOverBalanceCommand(a,
                new EntryId("carry:verify"), 500, "FN-1", AppTest.countyToday(),
                "期初积分"));
        ledger.transfer(actor, "verify-split", a, b, 100, "分户");
        ledger.merge(actor, "verify-merge", b, a, "合户");
    }

    private record Out(int status, String text) {
    }

    private Out command(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int status;
        if (args.length == 1) {
            status = VerifyCommand.verify(context, out);
        } else if (args.length == 4 && args[2].equals("household")) {
            status = VerifyCommand.repairHousehold(context, args[3], out);
        } else {
            status = VerifyCommand.run(context, args, out);
        }
        return new Out(status, bytes.toString(StandardCharsets.UTF_8));
    }

    private long viewBalance() {
        return sql().count("SELECT balance FROM account_balance WHERE household_id = ?", household);
    }

    @Test
    @Order(1)
    void aCleanCountyVerifiesCleanAndExitsZero() {
        Out out = command("verify");
        assertEquals(0, out.status(), out.text());
        assertTrue(out.text().contains("0 missing, 0 different"), out.text());
        assertTrue(out.text().contains("events/s"), "a progress bar: " + out.text());
    }

    @Test
    @Order(2)
    void aTamperedBalanceIsReportedWithTheFieldAndBothValuesAndRepaired() {
        long right = viewBalance();
        sql().update("UPDATE account_balance SET balance = balance + 7 WHERE household_id = ?", household);
        Out out = command("verify");
        assertEquals(1, out.status(), out.text());
        assertTrue(out.text().contains("household " + household + " balance: ledger " + right + ", view "
                + (right + 7)), out.text());
        assertTrue(out.text().contains("0 missing, 1 different"), out.text());

        Out repair = command("verify", "--repair", "household", household);
        assertEquals(0, repair.status(), repair.text());
        assertEquals(right, viewBalance());
        assertEquals(0, command("verify").status());
        // a mistyped id is not reported as a household repaired from 0 events
        Out unknown = command("verify", "--repair", "household", UUID.randomUUID().toString());
        assertEquals(2, unknown.status(), unknown.text());
        assertTrue(unknown.text().contains("No account"), unknown.text());
    }

    @Test
    @Order(3)
    void aDeletedPassbookLineIsReportedAndRepaired() {
        long lines = sql().count("SELECT count(*) FROM passbook_entry WHERE household_id = ?", household);
        sql().update("""
                DELETE FROM passbook_entry WHERE event_id = (SELECT event_id FROM passbook_entry
                  WHERE household_id = ? ORDER BY seq DESC LIMIT 1)""", household);
        Out out = command("verify");
        assertEquals(1, out.status(), out.text());
        assertTrue(out.text().contains("household " + household + " passbook.lines: ledger " + lines + ", view "
                + (lines - 1)), out.text());

        command("verify", "--repair", "household", household);
        assertEquals(lines, sql().count("SELECT count(*) FROM passbook_entry WHERE household_id = ?", household));
        assertEquals(0, command("verify").status());
    }

    @Test
    @Order(4)
    void aMissingBalanceRowIsReportedAsMissing() {
        sql().update("DELETE FROM account_balance WHERE household_id = ?", household);
        Out out = command("verify");
        assertEquals(1, out.status(), out.text());
        assertTrue(out.text().contains("household " + household + " row: ledger present, view absent"), out.text());
        assertTrue(out.text().contains("1 missing, 0 different"), out.text());
        command("verify", "--repair", "household", household);
        assertEquals(0, command("verify").status());
    }

    @Test
    @Order(5)
    void aChangedStockRowIsReported() {
        long shop = sql().count("SELECT min(supermarket_id) FROM stock_level");
        long product = sql().count("SELECT min(product_id) FROM stock_level WHERE supermarket_id = ?", shop);
        long onHand = sql().count("SELECT on_hand FROM stock_level WHERE supermarket_id = ? AND product_id = ?",
                shop, product);
        sql().update("UPDATE stock_level SET on_hand = on_hand - 3 WHERE supermarket_id = ? AND product_id = ?",
                shop, product);
        Out out = command("verify");
        assertEquals(1, out.status(), out.text());
        assertTrue(out.text().contains("stock     " + shop + "/" + product + " on_hand: ledger " + onHand
                + ", view " + (onHand - 3)), out.text());
        sql().update("UPDATE stock_level SET on_hand = on_hand + 3 WHERE supermarket_id = ? AND product_id = ?",
                shop, product);
    }

    /**
     * The store against itself: a transfer whose two halves disagree is reported though every view agrees with its
     * own events (the split's transfer in, written as 90 where 100 left: 10 points lost between two households).
     */
    @Test
    @Order(5)
    void aTransferWhoseHalvesDisagreeIsReported() {
        assertEquals(1, sql().count("SELECT count(*) FROM domain_event_entry WHERE payload_type = ? "
                + "AND convert_from(payload, 'UTF8') LIKE '%transfer:verify-split:in%'",
                PointsTransferredIn.class.getName()));
        rewriteSplitIn(100, 90);
        try {
            Out out = command("verify");
            assertEquals(1, out.status(), out.text());
            assertTrue(out.text().contains(":verify-split transfer: ledger 100, view 90"), out.text());
        } finally {
            rewriteSplitIn(90, 100);
        }
        assertEquals(0, command("verify").status());
    }

    /** Rewrites the split's transfer in, in the append-only store (its guard lifted inside the one statement). */
    private void rewriteSplitIn(long from, long to) {
        sql().update("""
                DO $$ BEGIN
                  ALTER TABLE domain_event_entry DISABLE TRIGGER domain_event_entry_append_only;
                  UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'),
                    '"points":%1$d,', '"points":%2$d,'), 'UTF8')
                  WHERE payload_type = '%3$s' AND convert_from(payload, 'UTF8') LIKE '%%transfer:verify-split:in%%';
                  ALTER TABLE domain_event_entry ENABLE TRIGGER domain_event_entry_append_only;
                END $$""".formatted(from, to, PointsTransferredIn.class.getName()));
    }

    @Test
    @Order(6)
    void aVoucherWhoseStateChangedIsReported() {
        String serial = (String) sql().single("SELECT serial FROM voucher_view WHERE status = 'ISSUED' "
                + "ORDER BY serial LIMIT 1");
        assertNotNull(serial, "a voucher issued");
        sql().update("UPDATE voucher_view SET status = 'REDEEMED' WHERE serial = ?", serial);
        Out out = command("verify");
        assertEquals(1, out.status(), out.text());
        assertTrue(out.text().contains("voucher   " + serial + " status: ledger ISSUED, view REDEEMED"),
                out.text());
        sql().update("UPDATE voucher_view SET status = 'ISSUED' WHERE serial = ?", serial);
        assertEquals(0, command("verify").status());
    }

    @Test
    @Order(7)
    void badArgumentsExitTwo() {
        assertEquals(2, command("verify", "--repair").status());
        assertEquals(2, command("verify", "--repair", "household", "no such/household").status());
        assertEquals(2, command("verify", "--repair", "no-such-projection").status());
    }

    @Test
    @Order(8)
    void theHealthIndicatorAndTheOfficePageShowTheLastRunsDifferences() {
        sql().update("UPDATE account_balance SET balance = balance + 5 WHERE household_id = ?", household);
        Out out = command("verify");
        assertEquals(1, out.status());
        String health = healthBody();
        assertTrue(health.contains(VerifyHealth.VIEWS_DIFFER), health);

        String page = client.toBlocking().retrieve(as("wenmingban", HttpRequest.GET("/ops/verify")
                .accept(MediaType.TEXT_HTML_TYPE)));
        assertTrue(page.contains(household), "the office's own county's difference is listed: " + page);
        assertTrue(page.contains("发现不一致"), page);

        command("verify", "--repair", "household", household);
        assertEquals(0, command("verify").status());
        assertFalse(healthBody().contains(VerifyHealth.VIEWS_DIFFER));
    }

    /**
     * The rankings against the event store: a household's all-time earned or redeemed that its entries do not make
     * is reported; a replay of the rankings puts it right. A household merged into another (合户) has no row of its
     * own: a row left for it is reported too (the attacker's replay race listed dissolved households again).
     */
    @Test
    @Order(9)
    void aRankingThatTheEntriesDoNotMakeIsReported() {
        String ranked = (String) sql().single("SELECT household_id FROM ranking_household WHERE period = 'ALL' "
                + "AND earned > 0 ORDER BY household_id LIMIT 1");
        long earned = sql().count("SELECT earned FROM ranking_household WHERE period = 'ALL' AND household_id = ?",
                ranked);
        sql().update("UPDATE ranking_household SET earned = earned + 4 WHERE period = 'ALL' AND household_id = ?",
                ranked);
        Out out = command("verify");
        assertEquals(1, out.status(), out.text());
        assertTrue(out.text().contains("ranking   " + ranked + " earned: ledger " + earned + ", view " + (earned + 4)),
                out.text());
        // and its grid's row no longer sums its households' (the same tamper, seen from the region)
        long ownGrid = sql().count("SELECT grid_id FROM ranking_household WHERE period = 'ALL' AND household_id = ?",
                ranked);
        assertTrue(out.text().contains("ranking   region:" + ownGrid + ":ALL earned: "), out.text());
        assertTrue(out.text().contains("0 missing, 2 different"), out.text());
        sql().update("UPDATE ranking_household SET earned = earned - 4 WHERE period = 'ALL' AND household_id = ?",
                ranked);
        assertEquals(0, command("verify").status());

        // a household merged into another listed again under its own id
        Actor admin = new Actor("hedong.admin", Role.VILLAGE_ADMIN, regions().byCode("130826103201").path(), null,
                null);
        Households households = context.getBean(Households.class);
        String grid = regions().byCode("13082610320101").code();
        Household gone = households.register(admin, new NewHousehold(null, "并入户", "", "", null, grid));
        Household into = households.register(admin, new NewHousehold(null, "接收户", "", "", null, grid));
        context.getBean(HouseholdChanges.class).merge(admin, gone.householdId(), into.householdId(), "合户");
        String merged = gone.id();
        Eventually.until("the merge projected", () -> verifier.verify(new Verifier.Listener() {
        }).clean());
        sql().update("INSERT INTO ranking_household (period, household_id, grid_id, region_path, earned) "
                + "SELECT 'ALL', id, grid_id, region_path, 9 FROM household WHERE id = ?", merged);
        Out again = command("verify");
        assertEquals(1, again.status(), again.text());
        assertTrue(again.text().contains("ranking   " + merged + " earned: ledger 0, view 9"), again.text());
        assertTrue(again.text().contains("ranking   region:"), "its grid does not sum it: " + again.text());
        sql().update("DELETE FROM ranking_household WHERE period = 'ALL' AND household_id = ?", merged);
        assertEquals(0, command("verify").status());

        // a region's row that its grids' do not sum (or a grid's that its households' do not), in one snapshot
        long village = regions().byCode("130826103201").id();
        sql().update("UPDATE ranking_region SET earned = earned + 3 WHERE period = 'ALL' AND region_id = ?", village);
        sql().update("UPDATE ranking_region_size SET households = households + 1 WHERE region_id = ?", village);
        Out regions = command("verify");
        assertEquals(1, regions.status(), regions.text());
        assertTrue(regions.text().contains("ranking   region:" + village + ":ALL earned: ledger "), regions.text());
        assertTrue(regions.text().contains("ranking   region:" + village + " households: ledger "), regions.text());
        sql().update("UPDATE ranking_region SET earned = earned - 3 WHERE period = 'ALL' AND region_id = ?", village);
        sql().update("UPDATE ranking_region_size SET households = households - 1 WHERE region_id = ?", village);
        assertEquals(0, command("verify").status());
    }

    private Regions regions() {
        return context.getBean(Regions.class);
    }

    private String healthBody() {
        try {
            return client.toBlocking().retrieve(HttpRequest.GET("/health"));
        } catch (HttpClientResponseException e) {
            return e.code() + " " + e.getResponse().getBody(String.class).orElse("");
        }
    }

    @Test
    @Order(9)
    void verifyNowRunsInTheBackgroundAndStoresItsResult() {
        long before = sql().count("SELECT count(*) FROM verify_run WHERE trigger = 'MANUAL'");
        HttpResponse<String> answer = noRedirects().toBlocking().exchange(as("wenmingban",
                HttpRequest.POST("/ops/verify", "").contentType(MediaType.APPLICATION_FORM_URLENCODED)), String.class);
        assertEquals(303, answer.code());
        assertTrue(answer.header("Location").startsWith("/ops/verify?started="));
        Eventually.until("the manual run stored", () -> sql().count(
                "SELECT count(*) FROM verify_run WHERE trigger = 'MANUAL' AND outcome = 'CLEAN'") > before);
    }

    @Test
    @Order(10)
    void otherRolesAreRefusedThePageAndTheButton() {
        for (String user : List.of("humaying", "hedong.admin", "hedong.c1", "hedong.grid1", "hedong.shop",
                "hedong.kiosk1", "hedong.villager")) {
            assertEquals(403, refusal(as(user, HttpRequest.GET("/ops/verify"))).status(), user);
            assertEquals(403, refusal(as(user, HttpRequest.POST("/ops/verify", "")
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED))).status(), user);
        }
    }

    @Test
    @Order(11)
    void creditsBeingProjectedWhileVerifyRunsGiveNoFalseDifference() throws Exception {
        String[] households = {householdOf("河东村"), householdOf("乐国窝铺村")};
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            String target = households[w % households.length];
            String admin = w % households.length == 0 ? "hedong.admin" : "leguo.admin";
            Thread writer = new Thread(() -> {
                while (writing.get()) {
                    client.toBlocking().exchange(as(admin, HttpRequest.POST("/api/households/" + target
                            + "/credits", Map.of("entryId", "verify-" + UUID.randomUUID(), "points", 1,
                            "reason", "核对测试"))), Map.class);
                    written.incrementAndGet();
                }
            });
            writer.start();
            writers.add(writer);
        }
        try {
            // runs of verify until at least two ran and twenty credits were written while they ran, however fast
            // this machine verifies or writes
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            for (int round = 0; round < 2 || written.get() < 20; round++) {
                assertTrue(System.nanoTime() < deadline, "twenty credits written in two minutes: " + written.get());
                Out out = command("verify");
                assertNotEquals(1, out.status(), "a false difference while projecting: " + out.text());
            }
        } finally {
            writing.set(false);
            for (Thread writer : writers) {
                writer.join();
            }
        }
        Eventually.until("clean once projected", () -> command("verify").status() == 0);
    }
}
