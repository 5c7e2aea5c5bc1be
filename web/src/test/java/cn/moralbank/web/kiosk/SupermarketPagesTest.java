package cn.moralbank.web.kiosk;

import cn.moralbank.web.testing.AppTest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The love supermarkets page of going live: the village administrator sees the village's supermarket and opens
 * another, which is listed on the page shown after saving and has its stock book; a form without a name and a village
 * outside the administrator's scope are refused and change nothing; a grid worker may not open the page.
 */
@MicronautTest(transactional = false)
class SupermarketPagesTest extends AppTest {
    private static final String ADMIN = "hedong.admin";

    private HttpResponse<String> post(String user, String body) {
        return formPost(user, "/supermarkets", body);
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private String villageCode(String name) {
        return (String) sql().single("SELECT code FROM region WHERE level = 'VILLAGE' AND name = ?", name);
    }

    @Test
    void theAdministratorOpensASupermarketAndSeesItRightAfterSaving() {
        String before = htmlPage(ADMIN, "/supermarkets", "zh-CN");
        assertTrue(before.contains("爱心超市") && before.contains("河东村"), before);
        long shops = sql().count("SELECT count(*) FROM supermarket");

        HttpResponse<String> opened = post(ADMIN, "name=" + enc("河东村第二爱心超市") + "&regionCode="
                + villageCode("河东村") + "&address=" + enc("村小学旁"));
        assertEquals(303, opened.code(), opened.body());
        String location = opened.header("Location");
        assertTrue(location.startsWith("/supermarkets?opened="), location);
        long id = Long.parseLong(location.substring(location.indexOf('=') + 1));

        String after = htmlPage(ADMIN, location, "zh-CN");
        assertTrue(after.contains("河东村第二爱心超市") && after.contains("已开设爱心超市（编号 " + id + "）"), after);
        assertTrue(htmlPage(ADMIN, location, "en").contains("Love supermarket opened (number " + id + ")"));
        assertEquals(shops + 1, sql().count("SELECT count(*) FROM supermarket"));
        assertEquals(1, sql().count("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                "supermarket-" + id), "its stock book is opened");
    }

    @Test
    void aFormWithoutANameOrAVillageOutsideTheScopeIsRefusedAndNothingChanges() {
        long shops = sql().count("SELECT count(*) FROM supermarket");
        long events = sql().count("SELECT count(*) FROM domain_event_entry");

        HttpResponse<String> noName = post(ADMIN, "name=&regionCode=" + villageCode("河东村"));
        assertEquals(422, noName.code());
        assertTrue(noName.body().contains("role=\"alert\""), noName.body());
        assertEquals(403, post(ADMIN, "name=" + enc("别村的超市") + "&regionCode=" + villageCode("乐国窝铺村")).code());
        assertEquals(403, post("hedong.grid1", "name=" + enc("网格员的超市") + "&regionCode="
                + villageCode("河东村")).code());

        assertEquals(shops, sql().count("SELECT count(*) FROM supermarket"));
        assertEquals(events, sql().count("SELECT count(*) FROM domain_event_entry"));
    }
}
