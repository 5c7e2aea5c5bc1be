package cn.moralbank.web.ratings;

import cn.moralbank.points.testing.Eventually;
import cn.moralbank.web.testing.AppTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The walk-through's findings in the offices' and administrators' pages (issue 16), on the demo county through the
 * real server: confirmations before irreversible actions, households told apart in the star-household round,
 * certificates printed with short serials, reports in Beijing time and labelled, people's names, the PIN's saved
 * message, the 404 page in one language, the English report title, and the demo's year of history.
 */
@MicronautTest(transactional = false)
class WalkThroughPagesTest extends AppTest {
    private static final LocalDate TODAY = AppTest.countyToday();

    @BeforeAll
    void rankingsCaughtUp() {
        Eventually.until("the demo's rankings", () -> sql().count(
                "SELECT households FROM ranking_region_size r JOIN region g ON g.id = r.region_id "
                        + "WHERE g.level = 'COUNTY'") == 210
                && sql().count("SELECT count(*) FROM account_balance") >= 210);
    }

    private Browser browser() {
        return new Browser(client, noRedirects());
    }

    private long region(String name) {
        return sql().count("SELECT id FROM region WHERE name = ?", name);
    }

    @Test
    void theTopBarNamesTheCountyOfThisDatabaseAndThePhoneLinksStayWhole() {
        String home = browser().signIn("hedong.grid1").page("/").body();
        assertTrue(home.contains("<span class=\"county\">丰宁满族自治县</span>"), "the top region's name");
        assertTrue(home.contains("/static/js/confirm.js"), "every page can ask before an irreversible action");
    }

    @Test
    void irreversibleActionsAskFirst() {
        Browser office = browser().signIn("wenmingban");
        String year = String.valueOf(TODAY.getYear());
        HttpResponse<String> opened = office.post("/ratings/open", Map.of("kind", "HOUSEHOLDS", "period", year));
        assertEquals(303, opened.code(), opened.body());
        String round = office.page(opened.header("Location")).body();
        assertTrue(round.contains("data-confirm=\"公布后星级不能再修改"), "公布星级 asks first");

        Browser admin = browser().signIn("hedong.admin");
        String session = (String) sql().single(
                "SELECT session_id FROM review_session_view WHERE status = 'OPEN' AND title = '本月评议会'");
        assertTrue(admin.page("/deeds/sessions/" + session).body().contains("data-confirm=\"结束后本次评议会不能再投票"),
                "结束评议会 asks first");
    }

    @Test
    void theStarHouseholdRoundTellsHouseholdsApartAndPrintsEveryCertificateWithAShortSerial() {
        Browser office = browser().signIn("wenmingban");
        String year = String.valueOf(TODAY.getYear());
        office.post("/ratings/open", Map.of("kind", "HOUSEHOLDS", "period", year));
        String roundId = (String) sql().single("SELECT round_id FROM rating_round_view WHERE kind = 'HOUSEHOLDS'");
        String page = office.page("/ratings/" + roundId).body();
        assertTrue(Pattern.compile("\\*\\*\\*\\*[0-9]{4} · 第[一二三]网格 · ").matcher(page).find(),
                "each head's name with the card's last digits, the grid and the address");
        long county = region("丰宁满族自治县");
        assertTrue(page.contains("<option value=\"" + county + "\" selected=\"selected\">丰宁满族自治县</option>"),
                "the dropdown says what the list shows: the whole county");

        assertEquals(303, office.post("/ratings/" + roundId + "/publish", Map.of()).code());
        long hedong = region("河东村");
        long starred = sql().count("""
                SELECT count(*) FROM rating_result_view r JOIN region v ON r.region_path LIKE v.path || '%'
                WHERE r.round_id = ? AND v.id = ? AND r.stars >= 1 AND NOT r.flagged""", roundId, hedong);
        assertTrue(starred > 0, "the demo has star households in 河东村");
        String printed = office.page("/ratings/" + roundId + "/certificates?region=" + hedong).body();
        List<String> serials = serials(printed);
        assertEquals(starred, serials.size(), "one certificate for each star household that has a 证书 link");
        assertEquals(serials.size(), Set.copyOf(serials).size(), "serials are unique");
        assertTrue(serials.get(0).matches(year + "-丰宁-[0-9]{6}"), serials.get(0));
        assertEquals(serials, serials(office.page("/ratings/" + roundId + "/certificates?region=" + hedong).body()),
                "a reprint carries the same numbers");
        String subject = (String) sql().single("SELECT subject FROM certificate_serial WHERE serial = ?",
                serials.get(0));
        assertTrue(office.page("/ratings/" + roundId + "/certificates/" + subject).body()
                .contains("编号 " + serials.get(0)), "the single certificate has its number too");
    }

    private static List<String> serials(String page) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile("编号 ([0-9]{4}-[^<\\s]+)").matcher(page);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void theRoundSaysWhoOpenedItByName() {
        String roundId = (String) sql().single(
                "SELECT round_id FROM rating_round_view WHERE kind = 'GRID_WORKERS' ORDER BY period DESC LIMIT 1");
        String page = browser().signIn("wenmingban").page("/ratings/" + roundId).body();
        assertTrue(page.contains("县文明办 李主任 于"), "the person's name");
        assertFalse(page.contains("wenmingban 于"), "not the login name");
    }

    @Test
    void aMonthlyReportIsInBeijingTimeWithItsColumnsLabelled() throws Exception {
        Browser office = browser().signIn("wenmingban");
        String month = YearMonth.from(TODAY).minusMonths(1).toString();
        String report = office.post("/reports", Map.of("period", month)).header("Location");
        String printed = office.page(report).body();
        assertTrue(printed.contains("<th>村</th>"), "the printed report's village column");
        assertFalse(printed.contains("<th>名称</th><th class=\"num\">户数</th><th class=\"num\">参与率</th><th class=\"num\">户均"),
                "the villages' table is not labelled 名称");
        byte[] xlsx = office.download(report + "/xlsx").body();
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> summary = workbook.findSheet("概况").orElseThrow().read();
            String made = summary.stream().filter(r -> "生成时间".equals(r.getCellText(0))).findFirst().orElseThrow()
                    .getCellText(1);
            assertTrue(made.matches("[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}（北京时间）"), made);
            List<Row> workers = workbook.findSheet("网格员星级").orElseThrow().read();
            List<String> header = new ArrayList<>();
            for (int c = 0; c < workers.get(0).getCellCount(); c++) {
                header.add(workers.get(0).getCellText(c));
            }
            assertEquals(List.of("网格员", "姓名", "网格", "得分", "星级", "预警", "评定"), header,
                    "a header of titles only: no stray 评定 2026-Q3");
        }
        HttpResponse<String> english = client.toBlocking().exchange(HttpRequest.GET(report)
                .accept(MediaType.TEXT_HTML_TYPE).cookies(Set.of(cookies(office), Cookie.of("lang", "en"))),
                String.class);
        assertTrue(english.body().contains("丰宁满族自治县 Moral Bank Monthly report"), "the title in English");
        assertFalse(english.body().contains("道德银行Monthly"));
    }

    private Cookie cookies(Browser browser) {
        // the session cookie of a signed-in browser, read back through a page that needs it
        return browser.sessionCookie();
    }

    @Test
    void settingAPinSaysItWasSaved() {
        Browser admin = browser().signIn("hedong.admin");
        String household = (String) sql().single("""
                SELECT h.id FROM household h JOIN region r ON h.region_path LIKE r.path || '%'
                WHERE r.name = '河东村' AND h.pin_hash IS NULL ORDER BY h.card_number LIMIT 1""");
        HttpResponse<String> saved = admin.post("/households/" + household + "/pin", Map.of("pin", "2468"));
        assertEquals(303, saved.code());
        assertTrue(admin.page(saved.header("Location")).body().contains("户卡密码已保存"));
        assertFalse(admin.page("/households/" + household).body().contains("户卡密码已保存"),
                "only right after saving");
    }

    @Test
    void theChinese404PageSpeaksChineseOnly() {
        try {
            browser().signIn("hedong.admin").page("/no-such-page");
            fail("expected 404");
        } catch (HttpClientResponseException e) {
            assertEquals(404, e.code());
            String body = e.getResponse().getBody(String.class).orElse("");
            assertTrue(body.contains("这个网页不存在"), body);
            assertFalse(body.contains("Page Not Found"), body);
        }
    }

    @Test
    void theDemoHasAYearOfHistoryAndItsTopHouseholdsTheirDeeds() {
        Eventually.until("the demo's rankings by month", () -> sql().count(
                "SELECT count(*) FROM ranking_deed WHERE status = 'CONFIRMED'") > 100);
        long county = region("丰宁满族自治县");
        YearMonth month = YearMonth.from(TODAY);
        int withCredits = 0;
        for (int i = 0; i < 12; i++, month = month.minusMonths(1)) {
            if (sql().count("SELECT count(*) FROM ranking_region WHERE region_id = ? AND period = ? "
                    + "AND (credited > 0 OR redeemed > 0)", county, month.toString()) == 1) {
                withCredits++;
            }
        }
        assertEquals(12, withCredits, "every month of the past twelve has a bar");
        assertEquals(0, sql().count("SELECT count(*) FROM passbook_entry WHERE kind = 'CREDIT' AND source = 'demo'"),
                "every credit is a confirmed deed, at its rule's points");
        String year = String.valueOf(TODAY.getYear());
        assertEquals(0, sql().count("""
                SELECT count(*) FROM (SELECT household_id, deeds FROM ranking_household WHERE period = ?
                                      ORDER BY earned DESC LIMIT 10) top WHERE deeds = 0""", year),
                "the ten best households of the year each have their good deeds counted");
    }
}
