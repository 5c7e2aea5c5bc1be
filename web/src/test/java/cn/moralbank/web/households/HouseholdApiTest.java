package cn.moralbank.web.households;

import cn.moralbank.web.testing.AppTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

@MicronautTest(transactional = false)
class HouseholdApiTest extends AppTest {

    @Test
    void aVillageAdministratorListsOnlyTheHouseholdsOfTheVillage() {
        Map<?, ?> page = get("hedong.admin", "/api/households?size=500", Map.class);
        List<?> content = (List<?>) page.get("content");
        String hedongPath = (String) sql().single("SELECT path FROM region WHERE name = '河东村'");
        assertEquals(sql().count("SELECT count(*) FROM household WHERE region_path LIKE ? || '%'", hedongPath),
                content.size());
        assertTrue(content.size() >= 60, "河东村 has two grids of 30 households");
        for (Object o : content) {
            assertTrue(((String) ((Map<?, ?>) o).get("gridPath")).startsWith(hedongPath));
        }
    }

    @Test
    void theCountyOfficeSeesEveryVillageAndATownshipOfficerOnlyItsOwn() {
        long all = sql().count("SELECT count(*) FROM household");
        long humaying = sql().count("SELECT count(*) FROM household WHERE region_path LIKE "
                + "(SELECT path FROM region WHERE name = '胡麻营镇') || '%'");
        assertTrue(all >= 210 && humaying >= 60 && humaying < all);
        assertEquals(all, ((Number) get("wenmingban", "/api/households?size=1", Map.class).get("totalSize")).longValue());
        assertEquals(humaying, ((Number) get("humaying", "/api/households?size=1", Map.class).get("totalSize")).longValue());
    }

    @Test
    void aHouseholdOfAnotherVillageIsRefusedWith403WhateverTheUrlSays() {
        String leguo = householdOf("乐国窝铺村");
        var refusal = refusal(as("hedong.admin", HttpRequest.GET("/api/households/" + leguo)));
        assertEquals(403, refusal.status());
        assertTrue(refusal.contentType().startsWith("application/problem+json"));
        assertTrue(refusal.body().contains("管辖范围"), refusal.body());
        assertEquals(403, refusal(as("hedong.admin", HttpRequest.GET("/api/households/" + leguo + "/passbook"))).status());
        assertEquals(403, refusal(as("humaying", HttpRequest.GET("/api/households/" + leguo))).status());
        assertEquals(403, refusal(as("hedong.grid1", HttpRequest.GET("/api/households/" + householdInGrid2()))).status(),
                "a grid worker sees only the grid");
    }

    @Test
    void aVillagerSeesTheirOwnHouseholdAndNoOther() {
        Map<?, ?> own = get("hedong.villager", "/api/households/" + householdOf("河东村"), Map.class);
        assertEquals(true, own.get("pinSet"));
        assertFalse(own.containsKey("pinHash"));
        String neighbour = (String) sql().single("""
                SELECT h.id FROM household h JOIN region r ON h.region_path LIKE r.path || '%'
                WHERE r.name = '河东村' ORDER BY h.card_number OFFSET 1 LIMIT 1""");
        assertEquals(403, refusal(as("hedong.villager", HttpRequest.GET("/api/households/" + neighbour))).status());
        assertEquals(403, refusal(as("hedong.villager", HttpRequest.GET("/api/households"))).status(),
                "a villager has no household list");
    }

    @Test
    void anUnknownHouseholdIs404AndAMalformedIdIs400() {
        var unknown = refusal(as("hedong.admin", HttpRequest.GET("/api/households/no-such-household")));
        assertEquals(404, unknown.status());
        assertTrue(unknown.body().contains("（no-such-household）"), unknown.body());
        assertEquals(400, refusal(as("hedong.admin", HttpRequest.GET("/api/households/%27%20OR%201=1--"))).status());
    }

    @Test
    void anAdministratorRegistersAHouseholdAndItsAccountOpensWithTheBaseScore() {
        String grid = hedongGrid();
        HttpResponse<Map> created = exchange(as("hedong.admin", HttpRequest.POST("/api/households",
                Map.of("headName", "赵春生", "members", "李桂芳/妻子;赵磊/儿子", "gridCode", grid))), Map.class);
        assertEquals(201, created.code());
        String id = (String) created.body().get("id");
        assertEquals(2, ((List<?>) created.body().get("members")).size());
        awaitBalance(id, 60);
    }

    @Test
    void aDuplicateCardNumberIsRefusedAndNothingIsRegistered() {
        String card = (String) sql().single("SELECT card_number FROM household ORDER BY card_number LIMIT 1");
        String grid = hedongGrid();
        long before = sql().count("SELECT count(*) FROM household");
        var refusal = refusal(as("hedong.admin", HttpRequest.POST("/api/households",
                Map.of("headName", "赵春生", "gridCode", grid, "cardNumber", card))));
        assertEquals(422, refusal.status());
        assertTrue(refusal.body().contains("household.card.duplicate") && refusal.body().contains(card), refusal.body());
        assertEquals(before, sql().count("SELECT count(*) FROM household"));
    }

    @Test
    void missingFieldsAndAGridOfAnotherVillageAreRefused() {
        long before = sql().count("SELECT count(*) FROM household");
        assertEquals(400, refusal(as("hedong.admin", HttpRequest.POST("/api/households",
                Map.of("headName", "", "gridCode", "x")))).status());
        assertEquals(400, refusal(as("hedong.admin", HttpRequest.POST("/api/households",
                Map.of("headName", "赵春生", "gridCode", "13082610320101", "phone", "<script>")))).status());
        String leguoGrid = (String) sql().single("SELECT code FROM region WHERE level = 'GRID' AND path LIKE "
                + "(SELECT path FROM region WHERE name = '乐国窝铺村') || '%'");
        assertEquals(403, refusal(as("hedong.admin", HttpRequest.POST("/api/households",
                Map.of("headName", "赵春生", "gridCode", leguoGrid)))).status());
        assertEquals(403, refusal(as("hedong.grid1", HttpRequest.POST("/api/households",
                Map.of("headName", "赵春生", "gridCode", leguoGrid)))).status(), "only administrators register");
        assertEquals(before, sql().count("SELECT count(*) FROM household"));
    }

    @Test
    void theKioskPinIsFourDigits() {
        String id = householdOf("河东村");
        assertEquals(204, exchange(as("hedong.admin", HttpRequest.PUT("/api/households/" + id + "/pin",
                Map.of("pin", "4321"))), String.class).code());
        assertEquals(400, refusal(as("hedong.admin", HttpRequest.PUT("/api/households/" + id + "/pin",
                Map.of("pin", "12a4")))).status());
    }

    private String hedongGrid() {
        return (String) sql().single("SELECT code FROM region WHERE name = '第一网格' AND path LIKE "
                + "(SELECT path FROM region WHERE name = '河东村') || '%'");
    }

    private String householdInGrid2() {
        return (String) sql().single("""
                SELECT h.id FROM household h JOIN region r ON h.grid_id = r.id
                WHERE r.name = '第二网格' ORDER BY h.card_number LIMIT 1""");
    }

    @Test
    void aHouseholdThatMovedAwayKeepsItsHistoryAndSaysSo() {
        String id = (String) sql().single("""
                SELECT h.id FROM household h JOIN region r ON h.region_path LIKE r.path || '%'
                WHERE r.name = '河东村' ORDER BY h.card_number DESC LIMIT 1""");
        Map<?, ?> moved = client.toBlocking().retrieve(as("hedong.admin", HttpRequest.PUT("/api/households/" + id + "/status",
                Map.of("status", "MOVED"))), Map.class);
        assertEquals("MOVED", moved.get("status"));
        assertEquals(400, refusal(as("hedong.admin", HttpRequest.PUT("/api/households/" + id + "/status",
                Map.of("status", "GONE")))).status());
    }

    @Test
    void validationErrorsNameTheFieldInChinese() {
        var refusal = refusal(as("hedong.admin", HttpRequest.POST("/api/households", Map.of("gridCode", "x"))));
        assertEquals(400, refusal.status());
        assertTrue(refusal.body().contains("headName：不能为空"), refusal.body());
    }
}
