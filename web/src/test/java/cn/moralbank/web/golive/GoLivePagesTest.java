package cn.moralbank.web.golive;

import cn.moralbank.points.access.Role;
import cn.moralbank.points.people.People;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.Regions;
import cn.moralbank.web.testing.AppTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The go-live pages on the demo county, through HTTP: the county settings page (a change with its audit line, a bad
 * value refused with nothing changed, the display name in the top bar), the regions page (add a grid, a bad import
 * refused whole) and a city office (its counties on the dashboard, another city's county refused).
 */
@MicronautTest(transactional = false)
class GoLivePagesTest extends AppTest {
    @Inject Regions regions;
    @Inject People people;

    private HttpResponse<String> form(String user, String path, String body) {
        return noRedirects().toBlocking().exchange(as(user, HttpRequest.POST(path, body)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE).accept(MediaType.TEXT_HTML_TYPE)), String.class);
    }

    private String page(String user, String path) {
        return client.toBlocking().retrieve(as(user, HttpRequest.GET(path).accept(MediaType.TEXT_HTML_TYPE)),
                String.class);
    }

    private int status(Runnable call) {
        try {
            call.run();
            return 200;
        } catch (HttpClientResponseException e) {
            return e.code();
        }
    }

    @Test
    void theCountyOfficeSetsTheObjectionPeriodOnItsPageWithAnAuditTrailAndABadValueChangesNothing() {
        String settings = page("wenmingban", "/settings");
        assertTrue(settings.contains("县设置"));
        // every field has its name: each row's date is labelled (axe's critical "label" found them bare), and a
        // phone shows each row as a card (table.stack) instead of hiding its third and fourth columns
        int dates = settings.split("type=\"date\" name=\"from\"", -1).length - 1;
        assertTrue(dates >= 6, settings);
        assertEquals(dates, settings.split("<span class=\"stack-label\">生效日期</span>", -1).length - 1, settings);
        assertTrue(settings.contains("<table class=\"data stack\">"), settings);
        // what is in force where the office never chose: the county's own name, every report, each round's rule
        String county = regions.byCode("130826").name();
        assertTrue(settings.contains("value=\"" + county + "\""), settings);
        assertTrue(settings.contains("周报、月报、季报、年报"), settings);
        assertEquals(2, settings.split("未设置：按每轮星级文明户评定标准", -1).length - 1, settings);
        assertFalse(settings.contains(">未设置<"), settings);
        assertEquals(303, form("wenmingban", "/settings", "name=NOTICE_DAYS&value=5").code());
        String after = page("wenmingban", "/settings");
        assertTrue(after.contains("<td>县文明办 李主任</td>"), "the audit line names who changed it, by name: " + after);
        long changes = sql().count("SELECT count(*) FROM county_setting_change");
        assertEquals(422, status(() -> form("wenmingban", "/settings", "name=NOTICE_DAYS&value=31")));
        assertEquals(changes, sql().count("SELECT count(*) FROM county_setting_change"));
        assertEquals(403, status(() -> page("humaying", "/settings")));
        assertEquals(403, status(() -> form("hedong.admin", "/settings", "name=NOTICE_DAYS&value=3")));

        assertEquals(303, form("wenmingban", "/settings", "name=DISPLAY_NAME&value=丰宁试点县").code());
        assertTrue(page("hedong.admin", "/").contains("丰宁试点县"), "the top bar reads the county's settings");

        // the redemption rule set here decides over the star criteria, and the ratings page says so
        assertFalse(page("wenmingban", "/ratings").contains("县设置中已定兑换限制"));
        assertEquals(303, form("wenmingban", "/settings", "name=BLOCK_BELOW_STARS&value=2").code());
        assertTrue(page("hedong.admin", "/ratings").contains("县设置中已定兑换限制：低于 2 星暂停兑换"));
    }

    @Test
    void theCountyOfficeAddsAGridAndABadRegionFileIsRefusedWhole() {
        Region hedong = regions.byCode("130826103201");
        assertTrue(page("wenmingban", "/regions?region=" + hedong.id()).contains("13082610320101"));
        assertEquals(303, form("wenmingban", "/regions/" + hedong.id() + "/children",
                "code=13082610320109&name=第九网格").code());
        assertEquals("第九网格", regions.byCode("13082610320109").name());
        assertEquals(422, status(() -> form("wenmingban", "/regions/" + hedong.id() + "/children",
                "code=1308261032010&name=短了")));
        assertEquals(403, status(() -> form("humaying", "/regions/" + hedong.id() + "/children",
                "code=13082610320108&name=第八网格")));

        long before = sql().count("SELECT count(*) FROM region");
        byte[] bad = ("层级,区划代码,名称,上级代码\r\n村,130826103209,新村,130826103\r\n"
                + "村,13082610321,坏代码,130826103\r\n").getBytes(StandardCharsets.UTF_8);
        String preview = client.toBlocking().retrieve(as("wenmingban", HttpRequest.POST("/regions/import/preview",
                MultipartBody.builder().addPart("file", "村.csv", MediaType.TEXT_PLAIN_TYPE, bad).build())
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE).accept(MediaType.TEXT_HTML_TYPE)), String.class);
        assertTrue(preview.contains("一条也没有导入"), preview);
        assertEquals(422, status(() -> form("wenmingban", "/regions/import", "fileName=村.csv&content="
                + URLEncoder.encode(Base64.getEncoder().encodeToString(bad), StandardCharsets.UTF_8))));
        assertEquals(before, sql().count("SELECT count(*) FROM region"));
    }

    @Test
    void aCityOfficeSeesItsCountiesOnTheDashboardAndNothingOfAnotherCity() {
        Region city = regions.createCity("130900", "沧州市");
        regions.createChild(city, "130922", "青县");
        regions.createChild(city, "130925", "盐山县");
        people.create("cangzhou.office", "沧州市文明办", "demo1234", Role.CITY_OFFICE, city.id(), null, null);
        String dashboard = page("cangzhou.office", "/dashboard");
        assertTrue(dashboard.contains("青县") && dashboard.contains("盐山县"), "both counties compared");
        assertTrue(page("cangzhou.office", "/rankings").contains("沧州市"));
        assertEquals(200, status(() -> page("cangzhou.office", "/ratings")));
        long fengning = regions.byCode("130826").id();
        assertEquals(403, status(() -> page("cangzhou.office", "/dashboard?region=" + fengning)));
        assertEquals(403, status(() -> page("cangzhou.office", "/regions?region=" + fengning)));
        assertEquals(403, status(() -> page("wenmingban", "/dashboard?region=" + city.id())));
    }
}
