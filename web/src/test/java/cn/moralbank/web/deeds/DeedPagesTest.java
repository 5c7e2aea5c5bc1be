package cn.moralbank.web.deeds;

import cn.moralbank.points.testing.Eventually;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The deed pages as people use them in a browser: signed in through the form, every post carrying the CSRF token,
 * multipart forms too. The report page, the review page and a session, the phone voting page, the notice board and
 * its poster, an objection, "my deeds", the rules catalog, a revocation; and the village next door refused.
 */
@MicronautTest(transactional = false)
class DeedPagesTest extends DeedAppTest {

    @Override
    Map<String, String> noticeJob() {
        return Map.of("moralbank.deeds.objection-job.enabled", "false");
    }

    @Test
    void aDeedGoesFromTheGridWorkersPhoneThroughTheReviewAndVotingPagesOntoTheNoticeBoardAndItsPoster() {
        String household = freshHousehold("第一网格", "河东村", ADMIN, "汪德胜");
        Browser grid = signIn(GRID1);
        String form = grid.page("/deeds/report").body();
        assertTrue(form.contains("上报好人好事"));
        assertTrue(form.contains("capture=\"environment\""), "the camera opens on a phone");
        assertTrue(form.contains("汪德胜"), "the households of the grid");

        HttpResponse<String> sent = grid.multipart("/deeds/report", reportForm(household, today().toString(),
                "帮邻居把瘫痪的老人背下山看病", png()));
        assertEquals(303, sent.code());
        String location = sent.getHeaders().get("Location");
        assertTrue(location.startsWith("/deeds/report?reported="), location);
        String deed = location.substring(location.indexOf('=') + 1);
        assertTrue(grid.page(location).body().contains("已上报：汪德胜 · 助人为乐"));
        assertEquals(1, sql().count("SELECT count(*) FROM deed_view WHERE deed_id = ? AND photo_ids <> ''", deed));

        Browser admin = signIn(ADMIN);
        String review = admin.page("/deeds/review").body();
        assertTrue(review.contains("汪德胜") && review.contains("帮邻居把瘫痪的老人背下山看病"));
        HttpResponse<String> prepared = admin.form("/deeds/sessions", "title=" + url("冬月评议会")
                + "&heldOn=" + today() + "&deed=" + deed);
        assertEquals(303, prepared.code());
        String session = prepared.getHeaders().get("Location");
        assertTrue(admin.page(session).body().contains("冬月评议会"));
        awaitStatus(deed, "UNDER_REVIEW");

        for (String member : new String[]{"hedong.c1", "hedong.c2", "hedong.c3"}) {
            Browser phone = signIn(member);
            String ballots = phone.page("/deeds/vote").body();
            assertTrue(ballots.contains("deed-" + deed) && ballots.contains("value=\"APPROVE\""), member);
            HttpResponse<String> voted = phone.form("/deeds/" + deed + "/vote", "choice=APPROVE&comment=" + url("属实"));
            assertEquals(303, voted.code());
            assertTrue(phone.page(voted.getHeaders().get("Location")).body().contains("已记录您的投票：同意"));
        }
        awaitStatus(deed, "POSTED");
        assertTrue(signIn("hedong.c1").page("/deeds/vote?voted=" + deed).body().contains("已记录"),
                "a member who voted sees no button for it any more");

        Browser villager = signIn("hedong.villager");
        assertTrue(villager.page("/deeds/notice").body().contains("帮邻居把瘫痪的老人背下山看病"));
        String poster = admin.page("/deeds/notice/poster?village=" + hedong()).body();
        assertTrue(poster.contains("河东村道德银行积分公示"));
        assertTrue(poster.contains("汪德胜") && poster.contains("+5"));
        assertTrue(poster.contains("print.css"), "the print stylesheet");

        HttpResponse<String> objected = villager.form("/deeds/notice/" + deed + "/objection",
                "reason=" + url("老人是他自家的亲戚"));
        assertEquals(303, objected.code());
        awaitStatus(deed, "PENDING");
        assertTrue(villager.page(objected.getHeaders().get("Location")).body().contains("异议已提交"));

        Browser neighbour = signIn("leguo.admin");
        assertEquals(403, neighbour.refused(session));
        assertEquals(403, neighbour.refused("/deeds/notice?village=" + hedong()));
        assertEquals(403, neighbour.refused("/deeds/notice/poster?village=" + hedong()));
    }

    @Test
    void aRefusedReportComesBackWithTheReasonAndWhatWasTyped() {
        String household = freshHousehold("第一网格", "河东村", ADMIN, "梁玉珍");
        Browser grid = signIn(GRID1);
        long events = allEvents();
        long photos = photos();
        Refused refused = grid.multipartRefused("/deeds/report",
                reportForm(household, today().plusDays(1).toString(), "明天的事写错了日期", png()));
        assertEquals(422, refused.code());
        assertTrue(refused.body().contains("在今天之后"), "the reason");
        assertTrue(refused.body().contains("明天的事写错了日期"), "the description is still there");
        assertEquals(events, allEvents());
        assertEquals(photos, photos(), "the photo of a refused report is not kept");
    }

    @Test
    void aMultipartFormWithoutTheCsrfTokenIsRefusedBeforeAnythingIsStored() {
        String household = freshHousehold("第一网格", "河东村", ADMIN, "段金花");
        Browser grid = signIn(GRID1);
        long photos = photos();
        try {
            client.toBlocking().exchange(HttpRequest.POST("/deeds/report", reportForm(household, today().toString(),
                    "没有令牌", png())).contentType(MediaType.MULTIPART_FORM_DATA_TYPE).cookies(grid.cookies()),
                    String.class);
            fail("expected 403");
        } catch (HttpClientResponseException e) {
            assertEquals(403, e.code());
        }
        assertEquals(photos, photos());
    }

    @Test
    void aVillagerReportsForTheirOwnHouseholdAndFollowsItOnMyDeeds() {
        Browser villager = signIn("hedong.villager");
        String form = villager.page("/deeds/report").body();
        assertTrue(form.contains("本户"));
        assertFalse(form.contains("name=\"householdId\""), "a villager reports only for their own household");
        HttpResponse<String> sent = villager.multipart("/deeds/report", reportForm("", today().toString(),
                "陪村里的孤寡老人过重阳节", null));
        assertEquals(303, sent.code());
        assertTrue(sent.getHeaders().get("Location").startsWith("/deeds/mine?reported="));
        String mine = villager.page(sent.getHeaders().get("Location")).body();
        assertTrue(mine.contains("陪村里的孤寡老人过重阳节"));
        assertTrue(mine.contains("待评议"));
        assertTrue(mine.contains("每天给村西头独居的五保户老人送一顿热饭"), "the demo's self-report");
    }

    @Test
    void theCountyOfficeAddsAndVersionsARuleAndAVillageSwitchesItOff() {
        Browser office = signIn("wenmingban");
        assertTrue(office.page("/rules").body().contains("助人为乐"));
        HttpResponse<String> added = office.form("/rules", "code=SPI-07&name=" + url("移风易俗、婚事新办")
                + "&category=SPIRITUAL&points=5&minPoints=3&maxPoints=8&evidence=NONE&limitCount=1&limitPeriod=YEAR"
                + "&description=&validFrom=");
        assertEquals(303, added.code());
        long rule = ruleId("SPI-07");
        assertTrue(office.page("/rules").body().contains("移风易俗、婚事新办"));
        Refused taken = office.formRefused("/rules", "code=SPI-07&name=" + url("重复")
                + "&category=SPIRITUAL&points=5&evidence=NONE");
        assertEquals(422, taken.code());
        assertTrue(taken.body().contains("细则编号 SPI-07 已被使用"));

        HttpResponse<String> version = office.form("/rules/" + rule + "/versions", "name=" + url("移风易俗、婚事新办")
                + "&category=SPIRITUAL&points=6&minPoints=3&maxPoints=8&evidence=NONE&limitCount=1&limitPeriod=YEAR"
                + "&validFrom=" + today().plusDays(1));
        assertEquals(303, version.code());
        assertTrue(office.page("/rules/" + rule).body().contains("v2"));

        Browser admin = signIn(ADMIN);
        assertEquals(303, admin.form("/rules/" + rule + "/switch", "to=off&reason=" + url("本村暂不开展")).code());
        assertTrue(admin.page("/rules").body().contains("本村已停用"));
        assertFalse(signIn(GRID1).page("/deeds/report").body().contains("移风易俗、婚事新办"),
                "a switched-off rule is not offered for reports");
        assertEquals(403, signIn(GRID1).formStatus("/rules/" + rule + "/switch", "to=on"));
    }

    @Test
    void theCommitteeRevokesACreditedDeedFromTheReviewPageAndThePassbookShowsANewLine() {
        Browser member = signIn("hedong.c4");
        // a credited deed of the village that the review page offers to revoke (it lists the most recent ones)
        Matcher offered = Pattern.compile("/deeds/([0-9A-Za-z-]+)/revoke").matcher(member.page("/deeds/review").body());
        String credited = null;
        while (credited == null && offered.find()) {
            if (sql().count("SELECT count(*) FROM deed_view WHERE deed_id = ? AND status = 'CREDITED' AND points > 0 "
                    + "AND village_id = ?", offered.group(1), hedong()) == 1) {
                credited = offered.group(1);
            }
        }
        assertNotNull(credited, "the demo's credited deeds");
        String household = (String) sql().single("SELECT household_id FROM deed_view WHERE deed_id = ?", credited);
        long lines = sql().count("SELECT count(*) FROM passbook_entry WHERE household_id = ?", household);
        assertEquals(303, member.form("/deeds/" + credited + "/revoke", "reason=" + url("复核发现重复上报")).code());
        awaitStatus(credited, "REVOKED");
        Eventually.until("the reversal line", () -> sql().count(
                "SELECT count(*) FROM passbook_entry WHERE household_id = ?", household) == lines + 1);
        assertEquals("复核发现重复上报", sql().single("""
                SELECT reason FROM passbook_entry WHERE household_id = ? AND kind = 'REVERSAL'""", household));
        String page = signIn(ADMIN).page("/households/" + household).body();
        assertTrue(page.contains("复核发现重复上报") && page.contains("上月评议会"), "both lines on the passbook");
    }

    @Test
    void thePagesSpeakEnglishAfterTheLanguageSwitch() {
        Browser member = signIn("hedong.c4");
        String vote = member.page("/deeds/vote", Cookie.of("lang", "en")).body();
        assertTrue(vote.contains("Committee vote") && vote.contains(">Approve<"), "the demo's open session");
        assertTrue(signIn(ADMIN).page("/deeds/review", Cookie.of("lang", "en")).body().contains("Pending review"));
    }

    private MultipartBody reportForm(String household, String date, String description, byte[] photo) {
        MultipartBody.Builder form = MultipartBody.builder().addPart("householdId", household)
                .addPart("ruleId", String.valueOf(ruleId("SOC-01"))).addPart("deedDate", date)
                .addPart("description", description).addPart("witness", "");
        if (photo != null) {
            form.addPart("photo", "IMG_0001.png", MediaType.IMAGE_PNG_TYPE, photo);
        } else {
            form.addPart("photo", "", MediaType.APPLICATION_OCTET_STREAM_TYPE, new byte[0]);
        }
        return form.build();
    }

    private static String url(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private Browser signIn(String username) {
        HttpResponse<String> login = client.toBlocking().exchange(HttpRequest.GET("/login"), String.class);
        Matcher m = Pattern.compile("_csrf=([A-Za-z0-9_-]+)").matcher(login.body());
        assertTrue(m.find());
        Cookie csrf = Cookie.of("mb_csrf", m.group(1));
        HttpResponse<String> answer = noRedirects().toBlocking().exchange(HttpRequest.POST("/login?_csrf="
                + m.group(1), "username=" + username + "&password=" + PASSWORD)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).cookie(csrf), String.class);
        // the sign-in replaces the CSRF token, as a browser's cookie jar would take it
        Cookie rotated = answer.getCookie("mb_csrf").orElseThrow();
        return new Browser(rotated.getValue(), rotated, answer.getCookie("JWT").orElseThrow());
    }

    /** A signed-in browser: its cookies, and the CSRF token its forms carry in their action. */
    private final class Browser {
        private final String token;
        private final Cookie csrf;
        private final Cookie jwt;

        Browser(String token, Cookie csrf, Cookie jwt) {
            this.token = token;
            this.csrf = csrf;
            this.jwt = jwt;
        }

        Set<Cookie> cookies() {
            return Set.of(csrf, jwt);
        }

        HttpResponse<String> page(String path, Cookie... more) {
            MutableHttpRequest<?> request = HttpRequest.GET(path).accept(MediaType.TEXT_HTML_TYPE).cookies(cookies());
            for (Cookie cookie : more) {
                request.cookie(cookie);
            }
            return client.toBlocking().exchange(request, String.class);
        }

        int refused(String path) {
            try {
                page(path);
                return 200;
            } catch (HttpClientResponseException e) {
                return e.code();
            }
        }

        HttpResponse<String> form(String path, String body) {
            return noRedirects().toBlocking().exchange(post(path, body), String.class);
        }

        Refused formRefused(String path, String body) {
            try {
                form(path, body);
                throw new AssertionError("expected a refusal");
            } catch (HttpClientResponseException e) {
                return answer(e);
            }
        }

        int formStatus(String path, String body) {
            try {
                return form(path, body).code();
            } catch (HttpClientResponseException e) {
                return e.code();
            }
        }

        HttpResponse<String> multipart(String path, MultipartBody body) {
            return noRedirects().toBlocking().exchange(HttpRequest.POST(path + "?_csrf=" + token, body)
                    .contentType(MediaType.MULTIPART_FORM_DATA_TYPE).accept(MediaType.TEXT_HTML_TYPE)
                    .cookies(cookies()), String.class);
        }

        Refused multipartRefused(String path, MultipartBody body) {
            try {
                multipart(path, body);
                throw new AssertionError("expected a refusal");
            } catch (HttpClientResponseException e) {
                return answer(e);
            }
        }

        private MutableHttpRequest<String> post(String path, String body) {
            return HttpRequest.POST(path + "?_csrf=" + token, body).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .accept(MediaType.TEXT_HTML_TYPE).cookies(cookies());
        }

        private Refused answer(HttpClientResponseException e) {
            return new Refused(e.code(), e.getResponse().getBody(String.class).orElse(""));
        }
    }

    /** A page answered with a refusal: its status and the page shown. */
    private record Refused(int code, String body) {
    }
}
