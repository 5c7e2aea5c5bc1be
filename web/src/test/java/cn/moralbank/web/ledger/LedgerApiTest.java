package cn.moralbank.web.ledger;

import cn.moralbank.points.testing.Eventually;
import cn.moralbank.web.testing.AppTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/** Credit, penalty, debit, reversal and the passbook through HTTP, on the demo county. */
@MicronautTest(transactional = false)
class LedgerApiTest extends AppTest {

    private HttpResponse<Map> post(String path, Object body) {
        return exchange(as("hedong.admin", HttpRequest.POST(path, body)), Map.class);
    }

    private String freshHousehold() {
        String grid = (String) sql().single("SELECT code FROM region WHERE name = '第一网格' AND path LIKE "
                + "(SELECT path FROM region WHERE name = '河东村') || '%'");
        String id = (String) post("/api/households", Map.of("headName", "孙长青", "gridCode", grid)).body().get("id");
        awaitBalance(id, 60);
        return id;
    }

    @Test
    void aCreditIsBookedOnceAndItsRetryAnswersTheSame() {
        String id = freshHousehold();
        Map<String, Object> credit = Map.of("entryId", "adj-1", "points", 15, "reason", "义务植树保成活");
        HttpResponse<Map> first = post("/api/households/" + id + "/credits", credit);
        assertEquals(201, first.code());
        assertEquals(75, ((Number) first.body().get("balanceAfter")).intValue());
        HttpResponse<Map> retry = post("/api/households/" + id + "/credits", credit);
        assertEquals(200, retry.code());
        assertEquals(75, ((Number) retry.body().get("balanceAfter")).intValue());
        assertEquals(true, retry.body().get("repeated"));
        awaitBalance(id, 75);
        assertEquals(2, events(id), "opening and one credit");
    }

    @Test
    void theSameEntryIdWithAnotherAmountIsRefusedAndChangesNothing() {
        String id = freshHousehold();
        post("/api/households/" + id + "/credits", Map.of("entryId", "adj-1", "points", 15, "reason", "植树"));
        var refusal = refusal(as("hedong.admin", HttpRequest.POST("/api/households/" + id + "/credits",
                Map.of("entryId", "adj-1", "points", 50, "reason", "植树"))));
        assertEquals(422, refusal.status());
        assertTrue(refusal.body().contains("ledger.entry-id.reused"), refusal.body());
        assertEquals(2, events(id));
    }

    @Test
    void zeroNegativeHugeAndDecimalPointsAreRefused() {
        String id = freshHousehold();
        for (Object points : List.of(0, -5, 100_001, 10_000_000_000L, 1.5, "ten")) {
            var refusal = refusal(as("hedong.admin", HttpRequest.POST("/api/households/" + id + "/credits",
                    Map.of("entryId", "bad-" + points.hashCode(), "points", points, "reason", "x"))));
            assertEquals(400, refusal.status(), "points " + points + ": " + refusal.body());
            assertTrue(refusal.contentType().startsWith("application/problem+json"));
        }
        assertEquals(1, events(id), "only the opening");
    }

    /** The ids the ledger's own flows book under (voucher:, checkout:, transfer:...) cannot be taken by hand. */
    @Test
    void anEntryIdInTheLedgersOwnNamespaceIsRefusedAndChangesNothing() {
        String id = freshHousehold();
        for (String entryId : List.of("voucher:V00000002", "checkout:1", "transfer:t:out", "refund:9")) {
            var refusal = refusal(as("hedong.admin", HttpRequest.POST("/api/households/" + id + "/debits",
                    Map.of("entryId", entryId, "points", 5, "reason", "x"))));
            assertEquals(400, refusal.status(), entryId + ": " + refusal.body());
        }
        assertEquals(1, events(id), "only the opening");
    }

    @Test
    void aDebitBeyondTheBalanceIsRefusedAndTheBalanceStays() {
        String id = freshHousehold();
        var refusal = refusal(as("hedong.admin", HttpRequest.POST("/api/households/" + id + "/debits",
                Map.of("entryId", "voucher-1", "points", 61, "reason", "爱心积分券"))));
        assertEquals(422, refusal.status());
        assertTrue(refusal.body().contains("积分不足"), refusal.body());
        assertEquals(60, balance(id));
        assertEquals(201, post("/api/households/" + id + "/debits",
                Map.of("entryId", "voucher-2", "points", 60, "reason", "爱心积分券")).code());
        awaitBalance(id, 0);
    }

    @Test
    void aReversalIsANewLineOnThePassbookAndHappensOnce() {
        String id = freshHousehold();
        post("/api/households/" + id + "/penalties", Map.of("entryId", "fight-1", "points", 15, "reason", "打架、斗殴"));
        HttpResponse<Map> reversed = post("/api/households/" + id + "/reversals",
                Map.of("entryId", "rev-1", "originalEntryId", "fight-1", "reason", "评议会复核：误报"));
        assertEquals(201, reversed.code());
        assertEquals(60, ((Number) reversed.body().get("balanceAfter")).intValue());
        var again = refusal(as("hedong.admin", HttpRequest.POST("/api/households/" + id + "/reversals",
                Map.of("entryId", "rev-2", "originalEntryId", "fight-1", "reason", "again"))));
        assertEquals(422, again.status());
        Eventually.until("passbook", () ->
                sql().count("SELECT count(*) FROM passbook_entry WHERE household_id = ?", id) == 3);

        Map<?, ?> passbook = get("hedong.admin", "/api/households/" + id + "/passbook", Map.class);
        List<?> lines = (List<?>) passbook.get("content");
        assertEquals(3, lines.size());
        Map<?, ?> newest = (Map<?, ?>) lines.get(0);
        assertEquals("REVERSAL", newest.get("kind"));
        assertEquals(15, ((Number) newest.get("points")).intValue());
        assertEquals("评议会复核：误报", newest.get("reason"));
        assertEquals("hedong.admin", newest.get("recordedBy"));
        assertEquals("PENALTY", ((Map<?, ?>) lines.get(1)).get("kind"));
        assertEquals(-15, ((Number) ((Map<?, ?>) lines.get(1)).get("points")).intValue());
    }

    @Test
    void anEntryAProcessBookedCannotBeReversedByHand() {
        String id = freshHousehold();
        Map<?, ?> issued = post("/api/households/" + id + "/vouchers",
                Map.of("batchId", UUID.randomUUID().toString(), "denominations", List.of(10))).body();
        String serial = (String) ((Map<?, ?>) ((List<?>) issued.get("vouchers")).get(0)).get("serial");
        awaitBalance(id, 50);
        // a reversal by hand of the voucher's issue would give its 10 points back while the voucher still pays
        var refused = refusal(as("hedong.admin", HttpRequest.POST("/api/households/" + id + "/reversals",
                Map.of("entryId", "rev-v", "originalEntryId", "voucher:" + serial, "reason", "冲正"))));
        assertEquals(422, refused.status());
        assertTrue(refused.body().contains("只能由该流程撤销"), refused.body());
        assertEquals(0, sql().count("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " AND payload_type LIKE '%EntryReversed'", id));
    }

    @Test
    void anotherVillagesAdministratorCanNeitherReadNorBook() {
        String id = freshHousehold();
        assertEquals(403, refusal(as("leguo.admin", HttpRequest.POST("/api/households/" + id + "/credits",
                Map.of("entryId", "x-1", "points", 5, "reason", "x")))).status());
        assertEquals(403, refusal(as("leguo.admin", HttpRequest.GET("/api/households/" + id + "/passbook"))).status());
        assertEquals(403, refusal(as("hedong.grid1", HttpRequest.POST("/api/households/" + id + "/credits",
                Map.of("entryId", "x-2", "points", 5, "reason", "x")))).status(), "grid workers do not book");
        assertEquals(1, events(id));
    }
}
