package cn.moralbank.web.hostile;

import cn.moralbank.points.testing.Eventually;
import cn.moralbank.web.testing.AppTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.*;

import static org.junit.jupiter.api.Assertions.*;

/** Hostile deed reports, descriptions, objections, rule names, dates and photos. */
@MicronautTest(transactional = false)
class DeedHostileInputTest extends HostileTest {
    static final String GRID1 = "hedong.grid1";
    private static final String SCRIPT = "<img src=x onerror=alert(1)>";

    private long ruleId(String code) {
        return sql().count("SELECT rule_id FROM rule_version WHERE code = ? AND village_id IS NULL LIMIT 1", code);
    }

    private Map<String, Object> report(String household, Object date, String description) {
        Map<String, Object> report = new HashMap<>();
        report.put("householdId", household);
        report.put("ruleId", ruleId("SOC-01"));
        report.put("deedDate", date);
        report.put("description", description);
        return report;
    }

    private MutableHttpRequest<?> post(Map<String, Object> report) {
        return as(GRID1, HttpRequest.POST("/api/deeds", report));
    }

    private String reported(String household, String description) {
        return (String) exchange(post(report(household, AppTest.countyToday().toString(), description)), Map.class)
                .body().get("deedId");
    }

    private void awaitStatus(String deed, String status) {
        Eventually.until(deed + " " + status, () -> status.equals(
                sql().single("SELECT status FROM deed_view WHERE deed_id = ?", deed)));
    }

    @Test
    void aTenThousandCharacterDescriptionIsRefused() {
        String household = freshHousehold("许长河");
        refused(422, post(report(household, AppTest.countyToday().toString(), "好".repeat(10_000))),
                "deed.description.invalid", "1000");
    }

    @Test
    void aNulByteOrABidiOverrideInADescriptionIsRefusedAndTheDeedViewsKeepFollowing() {
        String household = freshHousehold("许长江");
        for (String text : List.of("帮邻居\u0000修屋顶", "帮邻居\u202E顶屋修", "\uDC00孤立的代理项")) {
            // refused where the JSON is read (StrictJson), before the service: 400 naming the field
            refused(400, post(report(household, AppTest.countyToday().toString(), text)), "description：", "无法保存");
        }
        refused(400, english(post(report(household, AppTest.countyToday().toString(), "x\u0000"))), "cannot be kept");
        awaitStatus(reported(household, "帮邻居修屋顶"), "PENDING");
    }

    @Test
    void datesOutOfRangeAreRefused() {
        String household = freshHousehold("许长海");
        // outside 2000-01-01..2100-12-31 the JSON edge refuses the date itself (SaneDate), naming the field
        refused(400, post(report(household, "0001-01-01", "很久以前")), "deedDate：");
        refused(400, post(report(household, "9999-12-31", "很久以后")), "deedDate：");
        refused(400, post(report(household, "+10000-01-01", "一万年以后")), "deedDate");
        // inside it, the deed's own rules
        refused(422, post(report(household, "2001-01-01", "很久以前")), "deed.date.before-household");
        refused(422, post(report(household, "2099-12-31", "很久以后")), "deed.date.future");
        for (String date : List.of("0000-00-00", "2024-02-30", "昨天")) {
            refused(400, post(report(household, date, "日期不对")));
        }
    }

    @Test
    void htmlInADescriptionIsStoredAsTextAndShownEscapedOnEveryPage() {
        String household = freshHousehold("许长山");
        String deed = reported(household, SCRIPT + " 帮五保户挑水");
        awaitStatus(deed, "PENDING");
        escaped(page(ADMIN, "/deeds/review"), SCRIPT, "&lt;img src=x onerror=alert(1)&gt;", "review queue");
        exchange(as(ADMIN, HttpRequest.POST("/api/villages/" + hedong() + "/review-sessions",
                Map.of("title", "<i>评议</i>", "deedIds", List.of(deed)))), Map.class);
        awaitStatus(deed, "UNDER_REVIEW");
        escaped(page("hedong.c1", "/deeds/vote"), SCRIPT, "&lt;img src=x onerror=alert(1)&gt;", "vote page");
        for (String member : List.of("hedong.c1", "hedong.c2", "hedong.c3")) {
            exchange(as(member, HttpRequest.POST("/api/deeds/" + deed + "/votes", Map.of("choice", "APPROVE"))),
                    Map.class);
        }
        awaitStatus(deed, "POSTED");
        escaped(page(ADMIN, "/deeds/notice"), SCRIPT, "&lt;img src=x onerror=alert(1)&gt;", "notice board");
        escaped(page("hedong.villager", "/self/notices"), SCRIPT, "&lt;img src=x onerror=alert(1)&gt;",
                "the villager's notices");
    }

    @Test
    void anObjectionWithHtmlAndSqlIsKeptAsTextAndShownEscaped() {
        String household = freshHousehold("许长城");
        String deed = reported(household, "修补村道");
        awaitStatus(deed, "PENDING");
        exchange(as(ADMIN, HttpRequest.POST("/api/villages/" + hedong() + "/review-sessions",
                Map.of("title", "五月评议会", "deedIds", List.of(deed)))), Map.class);
        awaitStatus(deed, "UNDER_REVIEW");
        for (String member : List.of("hedong.c1", "hedong.c2", "hedong.c3")) {
            exchange(as(member, HttpRequest.POST("/api/deeds/" + deed + "/votes", Map.of("choice", "APPROVE"))),
                    Map.class);
        }
        awaitStatus(deed, "POSTED");
        String objection = "<b onmouseover=alert(1)>不属实</b>'; DROP TABLE deed_view;--";
        refused(400, as("hedong.villager", HttpRequest.POST("/api/deeds/" + deed + "/objections",
                Map.of("reason", "不属实\u0000"))), "reason：", "无法保存");
        assertTrue(exchange(as("hedong.villager", HttpRequest.POST("/api/deeds/" + deed + "/objections",
                Map.of("reason", objection))), String.class).code() < 300);
        awaitStatus(deed, "PENDING");
        assertTrue(sql().count("SELECT count(*) FROM deed_view") > 0, "the table is there");
        String review = page(ADMIN, "/deeds/review");
        assertFalse(review.contains("<b onmouseover"), "the objection is not live markup");
        assertTrue(review.contains("&lt;b onmouseover=alert(1)&gt;"), "the objection is shown, escaped");
    }

    @Test
    void htmlInARuleNameIsShownEscapedAndInvisibleCharactersAreRefused() {
        long county = sql().count("SELECT id FROM region WHERE level = 'COUNTY'");
        Map<String, Object> rule = new HashMap<>(Map.of("code", "SOC-77", "name", SCRIPT, "category", "SOCIAL",
                "points", 5, "evidence", "NONE"));
        assertEquals(201, exchange(as("wenmingban", HttpRequest.POST("/api/counties/" + county + "/rules", rule)),
                Map.class).code());
        escaped(page("wenmingban", "/rules"), SCRIPT, "&lt;img src=x onerror=alert(1)&gt;", "rules catalog");
        escaped(page(GRID1, "/deeds/report"), SCRIPT, "&lt;img src=x onerror=alert(1)&gt;", "report form");
        rule.put("code", "SOC-78");
        rule.put("name", "照顾\u200B老人");
        // an invisible character is refused where the JSON is read (PlainText), naming the field
        refused(400, as("wenmingban", HttpRequest.POST("/api/counties/" + county + "/rules", rule)),
                "name：", "不可见字符");
        rule.put("name", "'; DELETE FROM rule_version;--");
        assertEquals(201, exchange(as("wenmingban", HttpRequest.POST("/api/counties/" + county + "/rules", rule)),
                Map.class).code());
        assertTrue(sql().count("SELECT count(*) FROM rule_version") > 10, "SQL in a name is only a name");
    }

    @Test
    void malformedDeedIdsAre400Or404() {
        for (String bad : List.of("..%2F..%2Fetc%2Fpasswd", "%27%20OR%201%3D1--", "x".repeat(300))) {
            var refusal = unchanged(() -> refusal(as(ADMIN, HttpRequest.GET("/api/deeds/" + bad))));
            assertTrue(refusal.status() == 400 || refusal.status() == 404, bad + ": " + refusal.body());
            assertTrue(refusal.contentType().startsWith("application/problem+json"));
            var vote = unchanged(() -> refusal(as("hedong.c1", HttpRequest.POST("/api/deeds/" + bad + "/votes",
                    Map.of("choice", "APPROVE")))));
            assertTrue(vote.status() == 400 || vote.status() == 404, bad + ": " + vote.body());
        }
    }

    // --- photos ---

    private MutableHttpRequest<?> upload(String household, String name, MediaType type, byte[] bytes) {
        return as(GRID1, HttpRequest.POST("/api/deeds/photos", MultipartBody.builder()
                .addPart("householdId", household).addPart("file", name, type, bytes).build())
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE));
    }

    @Test
    void aTwentyMegabytePhotoIsRefusedWith413AndNothingIsStored() {
        String household = freshHousehold("许长林");
        byte[] huge = Arrays.copyOf(png(), 20 * 1024 * 1024);
        var refusal = refused(413, upload(household, "big.jpg", MediaType.IMAGE_JPEG_TYPE, huge));
        assertTrue(refusal.body().contains("太大"), refusal.body());
    }

    @Test
    void anExeRenamedJpgAnSvgWithScriptAndAZeroByteFileAreRefused() {
        String household = freshHousehold("许长松");
        byte[] exe = Arrays.copyOf("MZ\u0090\u0000This program cannot be run in DOS mode".getBytes(
                StandardCharsets.ISO_8859_1), 4096);
        refused(422, upload(household, "photo.jpg", MediaType.IMAGE_JPEG_TYPE, exe), "photo.not-an-image");
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                .getBytes(StandardCharsets.UTF_8);
        refused(422, upload(household, "photo.svg", MediaType.of("image/svg+xml"), svg), "photo.not-an-image");
        refused(422, upload(household, "empty.jpg", MediaType.IMAGE_JPEG_TYPE, new byte[0]), "photo.");
    }

    @Test
    void tenPhotosOnOneReportAreRefusedWhereNineIsTheLimit() {
        String household = freshHousehold("许长柏");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add((String) exchange(upload(household, "p" + i + ".png", MediaType.IMAGE_PNG_TYPE, png()), Map.class)
                    .body().get("photoId"));
        }
        Map<String, Object> report = report(household, AppTest.countyToday().toString(), "栽了十棵树");
        report.put("photos", ids);
        refused(400, post(report), "photos");
        assertEquals(0, sql().count("SELECT count(*) FROM deed_view WHERE household_id = ?", household));
    }

    private long hedong() {
        return sql().count("SELECT id FROM region WHERE level = 'VILLAGE' AND name = '河东村'");
    }

    private static byte[] png() {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
