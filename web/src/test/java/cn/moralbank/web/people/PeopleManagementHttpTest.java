package cn.moralbank.web.people;

import cn.moralbank.web.testing.AppTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Managing people through the API: who may manage whom along the region tree (refusals outside it change nothing),
 * temporary passwords changed first, changes audited, and a deactivated or moved person's tokens refused at once.
 */
@MicronautTest(transactional = false)
class PeopleManagementHttpTest extends AppTest {

    private String login(String username, String password) {
        Map<?, ?> answer = client.toBlocking().retrieve(HttpRequest.POST("/api/login",
                Map.of("username", username, "password", password)), Map.class);
        return (String) answer.get("access_token");
    }

    private static <T> MutableHttpRequest<T> bearer(String token, MutableHttpRequest<T> request) {
        return request.bearerAuth(token);
    }

    private String code(String regionName) {
        return (String) sql().single("SELECT code FROM region WHERE name = ? ORDER BY id LIMIT 1", regionName);
    }

    private String gridOf(String villageName, int nth) {
        return (String) sql().single("""
                SELECT g.code FROM region g JOIN region v ON g.parent_id = v.id
                WHERE v.name = ? ORDER BY g.code OFFSET ? LIMIT 1""", villageName, nth);
    }

    private static Map<String, Object> form(String username, String name, String role, String regionCode) {
        Map<String, Object> form = new HashMap<>();
        form.put("username", username);
        form.put("displayName", name);
        form.put("role", role);
        form.put("regionCode", regionCode);
        return form;
    }

    private long changes(String username, String action) {
        return sql().count("SELECT count(*) FROM person_change WHERE username = ? AND action = ?", username, action);
    }

    @Test
    void aCountyOfficeAddsAnAdministratorWhoseTemporaryPasswordMustBeChangedFirst() {
        HttpResponse<Map> added = exchange(as("wenmingban", HttpRequest.POST("/api/people",
                form("hedong.admin2", "河东村 新管理员", "VILLAGE_ADMIN", code("河东村")))), Map.class);
        assertEquals(201, added.code());
        String temporary = (String) added.body().get("password");
        assertEquals(1, changes("hedong.admin2", "ADD"));

        String first = login("hedong.admin2", temporary);
        var refused = refusal(bearer(first, HttpRequest.GET("/api/households")));
        assertEquals(403, refused.status());
        assertTrue(refused.body().contains("临时密码") || refused.body().contains("temporary"), refused.body());

        assertEquals(204, exchange(bearer(first, HttpRequest.PUT("/api/me/password",
                Map.of("current", temporary, "chosen", "mine-12345"))), String.class).code());
        assertEquals(401, refusal(bearer(first, HttpRequest.GET("/api/households"))).status(),
                "the session with the temporary password ended");
        String own = login("hedong.admin2", "mine-12345");
        assertEquals(200, exchange(bearer(own, HttpRequest.GET("/api/households")), Map.class).code());
    }

    @Test
    void aVillageAdministratorManagesOnlyItsOwnVillagesPeopleAndRefusalsChangeNothing() {
        long people = sql().count("SELECT count(*) FROM person");
        long audited = sql().count("SELECT count(*) FROM person_change");
        assertEquals(403, refusal(as("hedong.admin", HttpRequest.POST("/api/people",
                form("x.grid", "外村网格员", "GRID_WORKER", gridOf("乐国窝铺村", 0))))).status());
        assertEquals(403, refusal(as("hedong.admin", HttpRequest.POST("/api/people",
                form("x.admin", "再加一个管理员", "VILLAGE_ADMIN", code("河东村"))))).status(),
                "an administrator does not appoint administrators");
        assertEquals(403, refusal(as("hedong.admin", HttpRequest.POST("/api/people/leguo.grid1/deactivate", Map.of())))
                .status());
        assertEquals(403, refusal(as("hedong.admin", HttpRequest.GET("/api/people/leguo.c1"))).status());
        assertEquals(403, refusal(as("hedong.admin", HttpRequest.PUT("/api/people/hedong.grid1/scope",
                form(null, "x", "GRID_WORKER", gridOf("乐国窝铺村", 0))))).status(),
                "nor moves its own people out of its village");
        assertEquals(403, refusal(as("wenmingban", HttpRequest.POST("/api/people/hedong.grid1/deactivate", Map.of())))
                .status(), "grid workers are their village administrator's to manage");
        assertEquals(422, refusal(as("hedong.admin", HttpRequest.POST("/api/people",
                form("x.grid", "网格员", "GRID_WORKER", code("河东村"))))).status(), "a grid worker's scope is a grid");
        assertEquals(people, sql().count("SELECT count(*) FROM person"));
        assertEquals(audited, sql().count("SELECT count(*) FROM person_change"));
        assertEquals(1, sql().count("SELECT count(*) FROM person WHERE username = 'leguo.grid1' AND active"));

        List<Map> mine = List.of(get("hedong.admin", "/api/people", Map[].class));
        assertFalse(mine.isEmpty());
        assertTrue(mine.stream().allMatch(p -> p.get("username").toString().startsWith("hedong.")), mine.toString());
    }

    /** The attacker's find: 乐国窝铺村's administrator gave a person of their own a till at 河东村's supermarket. */
    @Test
    void anOperatorOrKioskGetsOnlyASupermarketServingTheirOwnVillage() {
        long hedongShop = shopOf("河东村");
        long leguoShop = shopOf("乐国窝铺村");
        for (String role : List.of("SUPERMARKET_OPERATOR", "KIOSK")) {
            Map<String, Object> elsewhere = form("leguo.evil." + role.length(), "外村收银", role, code("乐国窝铺村"));
            elsewhere.put("supermarketId", hedongShop);
            Refusal refused = refusal(as("leguo.admin", HttpRequest.POST("/api/people", elsewhere)));
            assertTrue(refused.status() == 400 || refused.status() == 422, refused.toString());
            assertTrue(refused.body().contains("不在"), refused.body());
            assertEquals(0, sql().count("SELECT count(*) FROM person WHERE username = ?", elsewhere.get("username")));
        }
        Map<String, Object> own = form("leguo.till2", "本村收银", "KIOSK", code("乐国窝铺村"));
        own.put("supermarketId", leguoShop);
        assertEquals(201, exchange(as("leguo.admin", HttpRequest.POST("/api/people", own)), Map.class).code());
        Map<String, Object> moved = new HashMap<>(own);
        moved.put("supermarketId", hedongShop);
        Refusal move = refusal(as("leguo.admin", HttpRequest.PUT("/api/people/leguo.till2/scope", moved)));
        assertTrue(move.status() == 400 || move.status() == 422, move.toString());
        assertEquals(leguoShop, sql().count("SELECT supermarket_id FROM person WHERE username = 'leguo.till2'"));
    }

    private long shopOf(String villageName) {
        return sql().count("SELECT min(s.id) FROM supermarket s JOIN region r ON r.path = s.region_path "
                + "WHERE r.name = ?", villageName);
    }

    @Test
    void aMovedGridWorkersOldTokenIsRefusedAtOnceAndTheMoveIsAudited() {
        String old = login("hedong.grid2", PASSWORD);
        assertEquals(200, exchange(bearer(old, HttpRequest.GET("/api/households")), Map.class).code());
        String target = gridOf("河东村", 0);
        assertEquals(204, exchange(as("hedong.admin", HttpRequest.PUT("/api/people/hedong.grid2/scope",
                form(null, "x", "GRID_WORKER", target))), String.class).code());

        assertEquals(401, refusal(bearer(old, HttpRequest.GET("/api/households"))).status());
        Map<?, ?> person = get("hedong.admin", "/api/people/hedong.grid2", Map.class);
        assertEquals(target, person.get("regionCode"));
        Map<?, ?> move = (Map<?, ?>) ((List<?>) person.get("changes")).get(0);
        assertEquals("MOVE", move.get("action"));
        assertEquals("hedong.admin", move.get("changedBy"));
        assertNotEquals(move.get("beforeState"), move.get("afterState"));
        assertTrue(move.get("afterState").toString().contains(target), move.toString());
        assertEquals(200, exchange(bearer(login("hedong.grid2", PASSWORD), HttpRequest.GET("/api/households")),
                Map.class).code(), "signing in again gives the new scope");
    }

    @Test
    void aDeactivatedPersonIsRefusedAtOnceAndAReactivatedOneSignsInAgain() {
        String old = login("hedong.c2", PASSWORD);
        assertEquals(204, exchange(as("hedong.admin", HttpRequest.POST("/api/people/hedong.c2/deactivate", Map.of())),
                String.class).code());
        assertEquals(401, refusal(bearer(old, HttpRequest.GET("/api/households"))).status());
        assertEquals(1, changes("hedong.c2", "DEACTIVATE"));
        assertEquals(204, exchange(as("hedong.admin", HttpRequest.POST("/api/people/hedong.c2/reactivate", Map.of())),
                String.class).code());
        assertEquals(200, exchange(bearer(login("hedong.c2", PASSWORD), HttpRequest.GET("/api/households")),
                Map.class).code());
        assertEquals(1, changes("hedong.c2", "REACTIVATE"));
    }

    @Test
    void aPasswordResetReplacesTheOldPasswordAndEndsItsSessions() {
        String old = login("hedong.c3", PASSWORD);
        Map<?, ?> reset = exchange(as("hedong.admin", HttpRequest.POST("/api/people/hedong.c3/password-reset", Map.of())),
                Map.class).body();
        assertEquals(401, refusal(bearer(old, HttpRequest.GET("/api/households"))).status());
        assertEquals(401, refusal(HttpRequest.POST("/api/login", Map.of("username", "hedong.c3",
                "password", PASSWORD))).status());
        assertNotNull(login("hedong.c3", (String) reset.get("password")));
        assertEquals(1, changes("hedong.c3", "PASSWORD_RESET"));
        assertFalse(sql().single("SELECT before_state || after_state FROM person_change WHERE username = 'hedong.c3'")
                .toString().contains(reset.get("password").toString()), "the audit never holds a password");
    }
}
