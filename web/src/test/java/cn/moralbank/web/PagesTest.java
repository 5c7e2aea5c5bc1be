package cn.moralbank.web;

import cn.moralbank.points.testing.Eventually;
import cn.moralbank.web.testing.AppTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** The pages a village administrator uses, through the form sign-in, as a browser would. */
@MicronautTest(transactional = false)
class PagesTest extends AppTest {
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** Signs in through the form and returns the cookies a browser would then send. */
    private Cookie[] signIn(String username) {
        HttpResponse<String> login = client.toBlocking().exchange(HttpRequest.GET("/login"), String.class);
        Matcher m = Pattern.compile("_csrf=([A-Za-z0-9_-]+)").matcher(login.body());
        assertTrue(m.find());
        Cookie csrf = Cookie.of("mb_csrf", m.group(1));
        HttpResponse<String> answer = noRedirects().toBlocking().exchange(HttpRequest.POST("/login?_csrf=" + m.group(1),
                "username=" + username + "&password=" + PASSWORD).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .cookie(csrf), String.class);
        Cookie jwt = answer.getCookie("JWT").orElseThrow();
        // the sign-in replaces the CSRF token, as a browser's cookie jar would take it
        return new Cookie[]{answer.getCookie("mb_csrf").orElseThrow(), jwt};
    }

    private HttpResponse<String> page(Cookie[] cookies, String path) {
        return client.toBlocking().exchange(HttpRequest.GET(path).accept(MediaType.TEXT_HTML_TYPE)
                .cookies(Set.of(cookies)), String.class);
    }

    @Test
    void anAdministratorOpensAHouseholdSeesItsPassbookAndPrintsItsCard() {
        Cookie[] admin = signIn("hedong.admin");
        assertTrue(page(admin, "/").body().contains("河东村"));
        String list = page(admin, "/households").body();
        assertTrue(list.contains("共 "), "the household count");
        String id = householdOf("河东村");
        Eventually.until("the demo passbook", () -> sql().count(
                "SELECT count(*) FROM passbook_entry WHERE household_id = ? AND kind = 'OPENING'", id) == 1);
        String detail = page(admin, "/households/" + id).body();
        assertTrue(detail.contains("存折"));
        assertTrue(detail.contains("基础分"), "the opening line of the passbook");
        String card = page(admin, "/households/" + id + "/card").body();
        assertTrue(card.contains("<svg"), "the card carries a QR code");
        String cardNumber = (String) sql().single("SELECT card_number FROM household WHERE id = ?", id);
        assertTrue(card.contains(cardNumber));
        String printed = page(admin, "/households/" + id + "/passbook").body();
        assertTrue(printed.contains("道德银行积分存折"));
        // read as a paper passbook, from the first line down: the opening first, the dates never going back
        String rows = printed.substring(printed.indexOf("<tbody>"));
        assertTrue(rows.substring(0, rows.indexOf("</tr>")).contains("基础分"), rows);
        List<String> dates = DATE.matcher(rows).results().map(m -> m.group()).toList();
        assertTrue(dates.size() > 1, rows);
        assertEquals(dates.stream().sorted().toList(), dates, "oldest first");
        assertFalse(rows.contains("承前"), "nothing before the opening");
    }

    /** A passbook longer than a printed one brings the balance of its earlier lines forward, above the first printed. */
    @Test
    void aLongPassbookPrintsItsLatestLinesOldestFirstWithTheBalanceBroughtForward() {
        Cookie[] admin = signIn("hedong.admin");
        String id = (String) sql().single("""
                SELECT h.id FROM household h JOIN region r ON h.region_path LIKE r.path || '%'
                WHERE r.name = '河东村' ORDER BY h.card_number DESC LIMIT 1""");
        long before = sql().count("SELECT count(*) FROM passbook_entry WHERE household_id = ?", id);
        // the view's lines, written as the projection writes them: 510 credits of 1 point after what it holds
        sql().update("""
                INSERT INTO passbook_entry (event_id, household_id, seq, entry_id, kind, points, balance_after, reason,
                  occurred_at)
                SELECT 'printed-' || n, ?, 100000 + n, 'printed-' || n, 'CREDIT', 1, 1000 + n, '第' || n || '笔',
                  now() - interval '1 day' + n * interval '1 second' FROM generate_series(1, 510) n""", id);
        String rows = page(admin, "/households/" + id + "/passbook").body();
        rows = rows.substring(rows.indexOf("<tbody>"));
        assertTrue(rows.contains("承前：此前 " + (before + 10) + " 笔"), rows);
        // brought forward: the balance before the first printed line (the 11th credit: 1011 after, 1 point)
        assertTrue(rows.contains("<td class=\"num\">1010</td>"), rows);
        assertTrue(rows.indexOf("第11笔") < rows.indexOf("第510笔") && !rows.contains("第10笔<"), rows);
        assertEquals(500, rows.split("<tr>", -1).length - 1, "the latest 500 lines: " + rows);
    }

    @Test
    void theHouseholdPageOfAnotherVillageIsRefusedWithAnErrorPage() {
        Cookie[] admin = signIn("hedong.admin");
        try {
            page(admin, "/households/" + householdOf("乐国窝铺村"));
            fail("expected 403");
        } catch (HttpClientResponseException e) {
            assertEquals(403, e.code());
            assertTrue(e.getResponse().getBody(String.class).orElse("").contains("管辖范围"));
        }
    }

    @Test
    void pagesSpeakEnglishAfterTheLanguageSwitch() {
        Cookie[] admin = signIn("hedong.admin");
        HttpResponse<String> english = client.toBlocking().exchange(HttpRequest.GET("/households")
                .accept(MediaType.TEXT_HTML_TYPE).cookies(Set.of(admin[0], admin[1], Cookie.of("lang", "en"))),
                String.class);
        assertTrue(english.body().contains("Households"));
    }

    @Test
    void aVillagerSeesTheirBalanceOnTheHomePage() {
        String home = page(signIn("hedong.villager"), "/").body();
        assertTrue(home.contains("积分余额"));
    }

    @Test
    void aKioskGoesStraightToCheckoutAndAnOperatorToTheShop() {
        for (String[] who : new String[][]{{"hedong.kiosk1", "/kiosk"}, {"hedong.shop", "/shop"}}) {
            HttpResponse<String> home = noRedirects().toBlocking().exchange(HttpRequest.GET("/")
                    .accept(MediaType.TEXT_HTML_TYPE).cookies(Set.of(signIn(who[0]))), String.class);
            assertEquals(303, home.code());
            assertEquals(who[1], home.header("Location"));
        }
    }
}
