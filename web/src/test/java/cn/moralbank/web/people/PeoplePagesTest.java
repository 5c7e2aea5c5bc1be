package cn.moralbank.web.people;

import cn.moralbank.web.testing.AppTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The people pages over PeopleAdmin: a village administrator adds a grid worker (the temporary password shown once
 * signs in), renames, moves, deactivates and reactivates them, each change in the history; another village's people
 * and a bad form are refused and change nothing; the page reads in English too.
 */
@MicronautTest(transactional = false)
class PeoplePagesTest extends AppTest {

    private String page(String user, String path) {
        return htmlPage(user, path, null);
    }

    private int status(String user, String path) {
        try {
            page(user, path);
            return 200;
        } catch (HttpClientResponseException e) {
            return e.code();
        }
    }

    private String grid(String village, int nth) {
        return (String) sql().single("""
                SELECT g.code FROM region g JOIN region v ON g.parent_id = v.id
                WHERE v.name = ? ORDER BY g.code OFFSET ? LIMIT 1""", village, nth);
    }

    private long changes(String username) {
        return sql().count("SELECT count(*) FROM person_change WHERE username = ?", username);
    }

    @Test
    void aVillageAdministratorManagesAGridWorkerOnThePagesWithEveryChangeInTheHistory() {
        String list = page("hedong.admin", "/people");
        assertTrue(list.contains("人员管理") && list.contains("hedong.grid1") && !list.contains("leguo.grid1"), list);

        HttpResponse<String> added = formPost("hedong.admin", "/people",
                "username=hedong.grid9&displayName=新网格员&role=GRID_WORKER&regionCode=" + grid("河东村", 0));
        assertEquals(200, added.code());
        Matcher shown = Pattern.compile("class=\"temporary-password\">([a-z0-9]+)<").matcher(added.body());
        assertTrue(shown.find(), added.body());
        String signedIn = client.toBlocking().retrieve(HttpRequest.POST("/api/login",
                Map.of("username", "hedong.grid9", "password", shown.group(1))), Map.class)
                .get("access_token").toString();
        assertFalse(signedIn.isBlank(), "the temporary password shown signs in");

        assertEquals(303, formPost("hedong.admin", "/people/hedong.grid9/name", "displayName=王新").code());
        assertEquals(303, formPost("hedong.admin", "/people/hedong.grid9/scope",
                "role=GRID_WORKER&regionCode=" + grid("河东村", 1)).code());
        assertEquals(303, formPost("hedong.admin", "/people/hedong.grid9/deactivate", "").code());
        assertEquals(0, sql().count("SELECT count(*) FROM person WHERE username = 'hedong.grid9' AND active"));
        assertEquals(303, formPost("hedong.admin", "/people/hedong.grid9/reactivate", "").code());
        HttpResponse<String> reset = formPost("hedong.admin", "/people/hedong.grid9/password-reset", "");
        assertTrue(reset.body().contains("只显示这一次"), reset.body());
        String detail = page("hedong.admin", "/people/hedong.grid9");
        for (String action : new String[]{"新增", "改名", "调动", "停用", "启用", "重置密码"}) {
            assertTrue(detail.contains(">" + action + "</td>"), action + " in the history: " + detail);
        }
        assertTrue(detail.contains("王新"));
    }

    @Test
    void anotherVillagesPeopleAndABadFormAreRefusedAndChangeNothing() {
        long audited = sql().count("SELECT count(*) FROM person_change");
        assertEquals(403, status("hedong.admin", "/people/leguo.grid1"));
        assertEquals(403, formPost("hedong.admin", "/people/leguo.grid1/deactivate", "").code());
        assertEquals(403, formPost("hedong.admin", "/people", "username=x.grid&displayName=外村&role=GRID_WORKER&regionCode="
                + grid("乐国窝铺村", 0)).code());
        assertEquals(422, formPost("hedong.admin", "/people", "username=y.grid&displayName=无角色&role=NOBODY&regionCode="
                + grid("河东村", 0)).code());
        assertEquals(403, status("hedong.grid1", "/people"));
        assertEquals(audited, sql().count("SELECT count(*) FROM person_change"));
        assertEquals(1, sql().count("SELECT count(*) FROM person WHERE username = 'leguo.grid1' AND active"));
        assertEquals(0, changes("x.grid") + changes("y.grid"));

        String english = client.toBlocking().retrieve(as("wenmingban", HttpRequest.GET("/people")
                .header("Cookie", "lang=en").accept(MediaType.TEXT_HTML_TYPE)), String.class);
        assertTrue(english.contains("Add a person") && english.contains("href=\"/people\""), english);
    }
}
