package cn.moralbank.web.households;

import cn.moralbank.points.testing.Eventually;
import cn.moralbank.web.testing.AppTest;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Merging and splitting households through the API: points conserved, both passbooks show the transfer. */
@MicronautTest(transactional = false)
class HouseholdMergeSplitHttpTest extends AppTest {

    private List<String> twoOf(String village) {
        String sql = """
                SELECT h.id FROM household h JOIN region r ON h.region_path LIKE r.path || '%'
                WHERE r.name = ? AND h.status = 'ACTIVE' ORDER BY h.card_number DESC OFFSET ? LIMIT 1""";
        return List.of(sql().single(sql, village, 0).toString(), sql().single(sql, village, 1).toString());
    }

    @Test
    void aMergeMovesTheWholeBalanceByATransferBothPassbooksShowAndClosesTheMergedHousehold() {
        List<String> pair = twoOf("河东村");
        String merged = pair.get(0);
        String into = pair.get(1);
        long total = balance(merged) + balance(into);
        Map<?, ?> first = exchange(as("hedong.admin", HttpRequest.POST("/api/households/" + merged + "/merge",
                Map.of("into", into, "reason", "老人随子女合户"))), Map.class).body();
        awaitBalance(into, total);
        // the two accounts are projected by their own segments: each is waited for, as the split's test does
        awaitBalance(merged, 0);
        assertEquals("MERGED", sql().single("SELECT status FROM household WHERE id = ?", merged));
        long outLines = sql().count("SELECT count(*) FROM passbook_entry WHERE household_id = ? AND kind = "
                + "'TRANSFER_OUT' AND source = ?", merged, into);
        long inLines = sql().count("SELECT count(*) FROM passbook_entry WHERE household_id = ? AND kind = "
                + "'TRANSFER_IN' AND source = ?", into, merged);
        assertEquals(outLines, inLines, "both passbooks show the transfer");
        assertEquals(total, sql().count("SELECT coalesce(sum(balance), 0) FROM account_balance WHERE household_id "
                + "IN (?, ?)", merged, into), "the two households' points are conserved");
        // the same merge sent again (its answer lost): answered as the first, nothing moved twice
        long events = sql().count("SELECT count(*) FROM domain_event_entry");
        Map<?, ?> again = exchange(as("hedong.admin", HttpRequest.POST("/api/households/" + merged + "/merge",
                Map.of("into", into, "reason", "老人随子女合户"))), Map.class).body();
        assertEquals(first, again);
        assertEquals(events, sql().count("SELECT count(*) FROM domain_event_entry"));
        // into any other household: a merged household is closed
        String other = sql().single("""
                SELECT h.id FROM household h JOIN region r ON h.region_path LIKE r.path || '%'
                WHERE r.name = ? AND h.status = 'ACTIVE' AND h.id <> ? ORDER BY h.card_number LIMIT 1""", "河东村",
                into).toString();
        assertEquals(422, refusal(as("hedong.admin", HttpRequest.POST("/api/households/" + merged + "/merge",
                Map.of("into", other, "reason", "再合一次")))).status(), "a merged household is closed");
        // closed for good: neither its record changed nor a card printed for it (the attacker's find)
        Refusal edit = refusal(as("hedong.admin", HttpRequest.PUT("/api/households/" + merged,
                Map.of("headName", "改名", "members", "", "address", "", "gridCode", "-"))));
        assertEquals(422, edit.status(), edit.body());
        assertTrue(edit.body().contains("household.merged.closed"), edit.body());
        assertEquals(422, refusal(as("hedong.admin", HttpRequest.GET("/households/" + merged + "/card")
                .accept(MediaType.TEXT_HTML_TYPE))).status());
    }

    @Test
    void aMergedHouseholdsPointsGoOnceAndItsStatusIsFinal() {
        List<String> pair = twoOf("河东村");
        String merged = pair.get(0);
        String into = pair.get(1);
        String third = sql().single("""
                SELECT h.id FROM household h JOIN region r ON h.region_path LIKE r.path || '%'
                WHERE r.name = ? AND h.status = 'ACTIVE' ORDER BY h.card_number DESC OFFSET 2 LIMIT 1""", "河东村")
                .toString();
        long thirdBefore = balance(third);
        exchange(as("hedong.admin", HttpRequest.POST("/api/households/" + merged + "/merge",
                Map.of("into", into, "reason", "合户"))), Map.class);
        // the register's status cannot be turned back, nor set to merged but by a merge
        Refusal back = refusal(as("hedong.admin", HttpRequest.PUT("/api/households/" + merged + "/status",
                Map.of("status", "ACTIVE"))));
        assertEquals(422, back.status());
        assertTrue(back.body().contains("已合户"), back.body());
        assertEquals(422, refusal(as("hedong.admin", HttpRequest.PUT("/api/households/" + third + "/status",
                Map.of("status", "MERGED")))).status());
        assertEquals("ACTIVE", sql().single("SELECT status FROM household WHERE id = ?", third));
        // and were the register wrong (an older build let it be set back), the ledger pays the balance only once:
        // the same merge towards a third household is refused, not answered as a retry and credited again
        sql().update("UPDATE household SET status = 'ACTIVE' WHERE id = ?", merged);
        try {
            assertEquals(422, refusal(as("hedong.admin", HttpRequest.POST("/api/households/" + merged + "/merge",
                    Map.of("into", third, "reason", "再合一次")))).status());
        } finally {
            // as it is: the other tests pick active households
            sql().update("UPDATE household SET status = 'MERGED' WHERE id = ?", merged);
        }
        assertEquals(0, sql().count("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND "
                + "payload_type LIKE '%PointsTransferredIn'", third), "nothing transferred to the third household");
        assertEquals(thirdBefore, balance(third));
    }

    /**
     * A change that comes while a merge holds the household's row (here a transaction that has marked it MERGED and
     * not yet committed) waits for it and keeps what it wrote: a PIN sent at once is set and the household stays
     * MERGED; a status sent at once is refused. Before, each read the row first and wrote it whole afterwards, so a
     * merged household came back ACTIVE (found by an attacker pass, session 16).
     */
    @Test
    void aChangeSentWhileAMergeHoldsTheHouseholdNeverWritesOverIt() throws Exception {
        String household = twoOf("河东村").get(0);
        String pinBefore = String.valueOf(sql().single("SELECT pin_hash FROM household WHERE id = ?", household));
        var pool = Executors.newFixedThreadPool(2);
        try (Connection merge = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            merge.setAutoCommit(false);
            try (var statement = merge.prepareStatement("UPDATE household SET status = 'MERGED' WHERE id = ?")) {
                statement.setString(1, household);
                statement.executeUpdate();
            }
            var pin = pool.submit(() -> exchange(as("hedong.admin", HttpRequest.PUT("/api/households/" + household
                    + "/pin", Map.of("pin", "4321"))), String.class).code());
            var status = pool.submit(() -> refusal(as("hedong.admin", HttpRequest.PUT("/api/households/"
                    + household + "/status", Map.of("status", "ACTIVE")))).status());
            // both are waiting for the row the merge holds
            Eventually.until("both changes waiting for the merge's row", () ->
                    sql().count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                            + "AND datname = current_database()") >= 2);
            merge.commit();
            int pinAnswer = pin.get(30, TimeUnit.SECONDS);
            assertEquals(2, pinAnswer / 100, "the PIN is set: " + pinAnswer);
            assertEquals(422, status.get(30, TimeUnit.SECONDS),
                    "a merged household's status is final");
        } finally {
            pool.shutdownNow();
        }
        assertEquals("MERGED", sql().single("SELECT status FROM household WHERE id = ?", household));
        assertNotEquals(pinBefore, String.valueOf(sql().single("SELECT pin_hash FROM household WHERE id = ?",
                household)), "the PIN sent at once was set");
        // as it was: the other tests pick active households
        sql().update("UPDATE household SET status = 'ACTIVE' WHERE id = ?", household);
    }

    @Test
    void aSplitGivesTheNewHouseholdItsShareByATransferAndKeepsTheTotal() {
        // a household of its own with points to share (the merge above takes the highest card numbers; which of the
        // two tests runs first must not matter)
        String from = sql().single("""
                SELECT h.id FROM household h JOIN account_balance b ON b.household_id = h.id
                JOIN region r ON h.region_path LIKE r.path || '%'
                WHERE r.name = ? AND h.status = 'ACTIVE' AND b.balance >= 10 ORDER BY h.card_number LIMIT 1""",
                "河东村").toString();
        long before = balance(from);
        long share = 10;
        String grid = (String) sql().single("SELECT r.code FROM household h JOIN region r ON r.id = h.grid_id "
                + "WHERE h.id = ?", from);
        Map<String, Object> split = Map.of("household", Map.of("headName", "分户新户", "gridCode", grid),
                "points", share, "reason", "儿子成家分户", "requestId", "split-" + from);
        Map<?, ?> created = exchange(as("hedong.admin", HttpRequest.POST("/api/households/" + from + "/split", split)),
                Map.class).body();
        String child = created.get("id").toString();
        // sent again (its answer lost, a double click): the household it made, its points moved once
        Map<?, ?> again = exchange(as("hedong.admin", HttpRequest.POST("/api/households/" + from + "/split", split)),
                Map.class).body();
        assertEquals(child, again.get("id").toString());
        assertEquals(1, sql().count("SELECT count(*) FROM household WHERE head_name = ?", "分户新户"));
        // the same request id for another household is refused, and registers nothing
        Map<String, Object> other = Map.of("household", Map.of("headName", "另一新户", "gridCode", grid),
                "points", share, "reason", "儿子成家分户", "requestId", "split-" + from);
        assertEquals(422, refusal(as("hedong.admin", HttpRequest.POST("/api/households/" + from + "/split", other)))
                .status());
        // the same request id with other points is refused (it was answered as done, nothing moved)
        Map<String, Object> more = Map.of("household", Map.of("headName", "分户新户", "gridCode", grid),
                "points", share + 5, "reason", "儿子成家分户", "requestId", "split-" + from);
        Refusal morePoints = refusal(as("hedong.admin", HttpRequest.POST("/api/households/" + from + "/split", more)));
        assertEquals(422, morePoints.status(), morePoints.body());
        assertTrue(morePoints.body().contains("household.request.reused-points"), morePoints.body());
        // without a request id a split is refused: it could not be told from its own retry
        assertEquals(400, refusal(as("hedong.admin", HttpRequest.POST("/api/households/" + from + "/split",
                Map.of("household", Map.of("headName", "另一新户", "gridCode", grid), "points", share,
                        "reason", "儿子成家分户")))).status());
        awaitBalance(child, share);
        awaitBalance(from, before - share);
        assertEquals(0, sql().count("SELECT count(*) FROM household WHERE head_name = ?", "另一新户"));
        // the new household merged on since: the split sent again is still answered with it, nothing moved
        String third = sql().single("""
                SELECT h.id FROM household h JOIN region r ON h.region_path LIKE r.path || '%'
                WHERE r.name = ? AND h.status = 'ACTIVE' AND h.id NOT IN (?, ?) ORDER BY h.card_number LIMIT 1""",
                "河东村", from, child).toString();
        exchange(as("hedong.admin", HttpRequest.POST("/api/households/" + child + "/merge",
                Map.of("into", third, "reason", "再合户"))), Map.class);
        assertEquals(child, exchange(as("hedong.admin", HttpRequest.POST("/api/households/" + from + "/split",
                split)), Map.class).body().get("id").toString());
        assertEquals(1, sql().count("SELECT count(*) FROM passbook_entry WHERE household_id = ? AND kind = "
                + "'TRANSFER_IN' AND source = ?", child, from));
    }

    @Test
    void anotherVillagesAdministratorCannotMergeOrSplitAndNothingChanges() {
        List<String> pair = twoOf("河东村");
        long events = events(pair.get(0));
        assertEquals(403, refusal(as("leguo.admin", HttpRequest.POST("/api/households/" + pair.get(0) + "/merge",
                Map.of("into", pair.get(1), "reason", "越权")))).status());
        assertEquals(events, events(pair.get(0)));
        assertEquals("ACTIVE", sql().single("SELECT status FROM household WHERE id = ?", pair.get(0)));
    }
}
