package cn.moralbank.web.deeds;

import cn.moralbank.web.testing.AppTest.Refusal;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every bad input of the deed path answers 4xx with a reason a person can read, in problem+json, and changes
 * nothing: no event, no photo, no status moved. The objection-period job is off: the tests decide when periods end.
 */
@MicronautTest(transactional = false)
class DeedRefusalsHttpTest extends DeedAppTest {
    private static final byte[] PDF = "%PDF-1.7 a scanned form renamed to photo.jpg".getBytes();

    @Override
    Map<String, String> noticeJob() {
        return Map.of("moralbank.deeds.objection-job.enabled", "false");
    }

    @Test
    void aReportOfAnUnknownRuleIsRefusedAndRecordsNothing() {
        String household = freshHousehold("第一网格", "河东村", ADMIN, "褚建华");
        Map<String, Object> report = report(household, "SOC-01", today(), "帮忙修路");
        report.put("ruleId", 999_999);
        Refusal refusal = unchanged(() -> refusal(as(GRID1, HttpRequest.POST("/api/deeds", report))));
        assertEquals(404, refusal.status());
        assertProblem(refusal, "rules.not-found", "积分细则 999999 不存在");
    }

    @Test
    void aReportOfARuleTheVillageSwitchedOffIsRefusedUntilItIsSwitchedBackOn() {
        String household = freshHousehold("第一网格", "河东村", ADMIN, "卫国华");
        long rule = ruleId("POL-02");
        assertEquals(204, exchange(as(ADMIN, HttpRequest.PUT("/api/villages/" + hedong() + "/rules/" + rule
                + "/switched-off", Map.of("reason", "本村暂不开展"))), String.class).code());
        Refusal refusal = unchanged(() -> refusal(as(GRID1, HttpRequest.POST("/api/deeds",
                report(household, "POL-02", today(), "在村民代表会上提出修路建议")))));
        assertEquals(422, refusal.status());
        assertProblem(refusal, "rules.switched-off", "本村已停用细则 POL-02");
        assertTrue(list(GRID1, "/api/villages/" + hedong() + "/rules").stream()
                .anyMatch(r -> Boolean.TRUE.equals(r.get("switchedOff"))), "the village's rules say so");

        assertEquals(204, exchange(as(ADMIN, HttpRequest.DELETE("/api/villages/" + hedong() + "/rules/" + rule
                + "/switched-off")), String.class).code());
        assertEquals(201, exchange(as(GRID1, HttpRequest.POST("/api/deeds",
                report(household, "POL-02", today(), "在村民代表会上提出修路建议"))), Map.class).code());
    }

    @Test
    void onlyTheCountyOfficeWritesCountyRulesAndNoVillageSwitchesOffAnotherVillagesRules() {
        long county = sql().count("SELECT id FROM region WHERE level = 'COUNTY'");
        Map<String, Object> rule = Map.of("code", "SOC-50", "name", "照顾留守儿童", "category", "SOCIAL",
                "points", 5, "minPoints", 3, "maxPoints", 8, "evidence", "NONE");
        assertEquals(403, refusal(as(ADMIN, HttpRequest.POST("/api/counties/" + county + "/rules", rule))).status());
        var added = exchange(as("wenmingban", HttpRequest.POST("/api/counties/" + county + "/rules", rule)), Map.class);
        assertEquals(201, added.code());
        long id = ((Number) ((Map<?, ?>) added.body().get("id")).get("value")).longValue();
        Refusal taken = refusal(as("wenmingban", HttpRequest.POST("/api/counties/" + county + "/rules", rule)));
        assertEquals(422, taken.status());
        assertProblem(taken, "rules.code.taken", "SOC-50");
        Refusal notFuture = refusal(as("wenmingban", HttpRequest.POST("/api/rules/" + id + "/versions",
                Map.of("name", "照顾留守儿童", "category", "SOCIAL", "points", 6, "minPoints", 3, "maxPoints", 8,
                        "evidence", "NONE", "validFrom", today().toString()))));
        assertEquals(422, notFuture.status());
        assertProblem(notFuture, "rules.valid-from.not-future", "必须在今天之后");
        assertEquals(201, exchange(as("wenmingban", HttpRequest.POST("/api/rules/" + id + "/versions",
                Map.of("name", "照顾留守儿童", "category", "SOCIAL", "points", 6, "minPoints", 3, "maxPoints", 8,
                        "evidence", "NONE", "validFrom", today().plusDays(1).toString()))), Map.class).code());
        assertEquals(2, list("hedong.grid1", "/api/rules/" + id).size(), "both versions");
        assertEquals(403, refusal(as("leguo.admin", HttpRequest.PUT("/api/villages/" + hedong() + "/rules/" + id
                + "/switched-off", Map.of()))).status());
    }

    @Test
    void aDateInTheFutureOrBeforeTheHouseholdWasRegisteredIsRefused() {
        String household = freshHousehold("第一网格", "河东村", ADMIN, "蒋玉兰");
        Refusal future = unchanged(() -> refusal(as(GRID1, HttpRequest.POST("/api/deeds",
                report(household, "SOC-01", today().plusDays(1), "明天要去帮忙")))));
        assertEquals(422, future.status());
        assertProblem(future, "deed.date.future", "在今天之后");
        // the day before it was registered (on the real calendar: other tests move the application's clock)
        LocalDate registered = ((Timestamp) sql().single(
                "SELECT created_at FROM household WHERE id = ?", household)).toInstant()
                .atZone(clock.getZone()).toLocalDate();
        Refusal before = unchanged(() -> refusal(as(GRID1, HttpRequest.POST("/api/deeds",
                report(household, "SOC-01", registered.minusDays(1), "登记之前的事")))));
        assertEquals(422, before.status());
        assertProblem(before, "deed.date.before-household", "早于该户登记入册的日期");
    }

    @Test
    void aGridWorkerCannotReportForAHouseholdOfAnotherGridOrAnotherVillage() {
        String ofGrid2 = freshHousehold("第二网格", "河东村", ADMIN, "沈长顺");
        String ofLeguo = freshHousehold("第一网格", "乐国窝铺村", "leguo.admin", "韩秀云");
        Refusal otherGrid = unchanged(() -> refusal(as(GRID1, HttpRequest.POST("/api/deeds",
                report(ofGrid2, "SOC-01", today(), "帮忙")))));
        assertEquals(403, otherGrid.status());
        assertProblem(otherGrid, "access.denied", "管辖范围");
        Refusal otherVillage = unchanged(() -> refusal(as(GRID1, HttpRequest.POST("/api/deeds",
                report(ofLeguo, "SOC-01", today(), "帮忙")))));
        assertEquals(403, otherVillage.status());
        assertEquals(403, unchanged(() -> refusal(as(ADMIN, HttpRequest.POST("/api/deeds",
                report(ofLeguo, "SOC-01", today(), "帮忙"))))).status(), "nor its administrator");
    }

    @Test
    void votesByNonMembersTwiceOrAfterTheDecisionAreRefused() {
        String household = freshHousehold("第一网格", "河东村", ADMIN, "杨春花");
        String deed = reportAs(GRID1, report(household, "SOC-01", today(), "照看邻居家的留守儿童"));
        awaitStatus(deed, "PENDING");
        prepare("三月评议会", deed);

        for (String outsider : new String[]{GRID1, ADMIN, "hedong.villager", "leguo.c1"}) {
            Refusal refusal = unchanged(() -> refusal(as(outsider, HttpRequest.POST("/api/deeds/" + deed + "/votes",
                    Map.of("choice", "APPROVE")))));
            assertEquals(403, refusal.status(), outsider);
        }
        vote("hedong.c1", deed, "APPROVE");
        Refusal twice = unchanged(() -> refusal(as("hedong.c1", HttpRequest.POST("/api/deeds/" + deed + "/votes",
                Map.of("choice", "REJECT")))));
        assertEquals(422, twice.status());
        assertProblem(twice, "deed.vote.twice", "已经对该记录投过票");
        Refusal noChoice = unchanged(() -> refusal(as("hedong.c2", HttpRequest.POST("/api/deeds/" + deed + "/votes",
                Map.of("comment", "没选")))));
        assertEquals(400, noChoice.status());

        vote("hedong.c2", deed, "APPROVE");
        assertEquals("POSTED", vote("hedong.c3", deed, "APPROVE").get("status"));
        Refusal late = unchanged(() -> refusal(as("hedong.c4", HttpRequest.POST("/api/deeds/" + deed + "/votes",
                Map.of("choice", "REJECT")))));
        assertEquals(422, late.status());
        assertProblem(late, "deed.vote.not-under-review", "不在评议中");
        Refusal adjust = unchanged(() -> refusal(as("hedong.c4", HttpRequest.PUT("/api/deeds/" + deed + "/points",
                Map.of("points", 9, "reason", "太晚了")))));
        assertEquals(422, adjust.status());
    }

    @Test
    void anObjectionAfterThePeriodIsRefusedAndTheDeedStaysPosted() {
        String household = freshHousehold("第一网格", "河东村", ADMIN, "朱德顺");
        String deed = reportAs(GRID1, report(household, "SOC-01", today(), "帮邻居修补漏雨的屋顶"));
        awaitStatus(deed, "PENDING");
        prepare("四月评议会", deed);
        approve(deed);
        Refusal noReason = unchanged(() -> refusal(as("hedong.villager", HttpRequest.POST("/api/deeds/" + deed
                + "/objections", Map.of("reason", " ")))));
        assertEquals(422, noReason.status());
        assertProblem(noReason, "deed.objection.reason-missing", "异议理由");
        assertEquals(403, unchanged(() -> refusal(as("leguo.admin", HttpRequest.POST("/api/deeds/" + deed
                + "/objections", Map.of("reason", "不属实"))))).status(), "only people of the village object");

        clock.advance(Duration.ofDays(7).plusSeconds(1));
        Refusal late = unchanged(() -> refusal(as("hedong.villager", HttpRequest.POST("/api/deeds/" + deed
                + "/objections", Map.of("reason", "不属实")))));
        assertEquals(422, late.status());
        assertProblem(late, "deed.objection.period-over", "公示期已于");
        assertEquals("POSTED", status(deed));
    }

    @Test
    void anOversizeOrNonImagePhotoIsRefusedAndNothingIsStored() {
        String household = freshHousehold("第一网格", "河东村", ADMIN, "秦宝山");
        long before = photos();
        byte[] oversize = Arrays.copyOf(png(), 5 * 1024 * 1024 + 1);
        Refusal big = refusal(as(GRID1, upload(household, "big.png", MediaType.IMAGE_PNG_TYPE, oversize)));
        assertEquals(422, big.status());
        assertProblem(big, "photo.too-large", "照片太大");
        Refusal pdf = refusal(as(GRID1, upload(household, "photo.jpg", MediaType.IMAGE_JPEG_TYPE, PDF)));
        assertEquals(422, pdf.status());
        assertProblem(pdf, "photo.not-an-image", "只能上传 JPEG、PNG 或 WebP");
        assertEquals(before, photos());

        Map<String, Object> report = report(household, "ECO-02", today(), "栽了十棵树");
        Refusal noPhoto = unchanged(() -> refusal(as(GRID1, HttpRequest.POST("/api/deeds", report))));
        assertEquals(422, noPhoto.status(), "a rule that asks for a photo");
        assertProblem(noPhoto, "deed.evidence.photo-missing", "需要上传照片");
    }

    @Test
    void theAnswerSpeaksEnglishToAClientThatAsksForIt() {
        String household = freshHousehold("第一网格", "河东村", ADMIN, "吕金山");
        Refusal refusal = refusal(as(GRID1, HttpRequest.POST("/api/deeds",
                report(household, "SOC-01", today().plusDays(2), "x")).header("Accept-Language", "en")));
        assertEquals(422, refusal.status());
        assertTrue(refusal.body().contains("after today"), refusal.body());
    }

    private static MutableHttpRequest<?> upload(String household, String name, MediaType type, byte[] bytes) {
        return HttpRequest.POST("/api/deeds/photos", photoUpload(household, name, type, bytes))
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE);
    }

    /** Runs a refused request and checks that it recorded no event at all. */
    private Refusal unchanged(Supplier<Refusal> refused) {
        long events = allEvents();
        Refusal refusal = refused.get();
        assertEquals(events, allEvents(), "a refusal records nothing: " + refusal.body());
        return refusal;
    }

    private static void assertProblem(Refusal refusal, String code, String words) {
        assertTrue(refusal.contentType().startsWith("application/problem+json"), refusal.contentType());
        assertTrue(refusal.body().contains("\"code\":\"" + code + "\""), refusal.body());
        assertTrue(refusal.body().contains(words), refusal.body());
    }
}
