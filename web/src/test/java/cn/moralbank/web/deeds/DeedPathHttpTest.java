package cn.moralbank.web.deeds;

import cn.moralbank.points.testing.Eventually;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The whole way of a deed through the JSON API, as a county platform or a mini-program would drive it, on real
 * PostgreSQL: a grid worker reports with a photo, the administrator prepares a session, the committee votes, the
 * notice board shows it, a villager's objection sends it back, the next session approves it again, and when the
 * objection period has passed the scheduled job (running every second here) credits the household; a revocation
 * then shows as a new passbook line. Nothing of it is visible from the village next door.
 */
@MicronautTest(transactional = false)
class DeedPathHttpTest extends DeedAppTest {

    @Override
    Map<String, String> noticeJob() {
        return Map.of("moralbank.deeds.objection-job.first-run", "1s", "moralbank.deeds.objection-job.interval", "1s");
    }

    @Test
    void aReportedDeedIsReviewedPostedObjectedReReviewedAndCreditedThenRevokedOnANewPassbookLine() {
        Map<?, ?> village = list(GRID1, "/api/villages").get(0);
        assertEquals("河东村", village.get("name"));
        List<Map<String, Object>> rules = list(GRID1, "/api/villages/" + hedong() + "/rules");
        assertTrue(rules.stream().anyMatch(r -> "助人为乐".equals(((Map<?, ?>) r.get("rule")).get("name"))));
        String household = freshHousehold("第一网格", "河东村", ADMIN, "韩春生");

        Map<?, ?> uploaded = exchange(as(GRID1, HttpRequest.POST("/api/deeds/photos",
                photoUpload(household, "snow.png", MediaType.IMAGE_PNG_TYPE, png()))
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE)), Map.class).body();
        Map<String, Object> report = report(household, "SOC-01", today(), "大雪天给独居老人扫院子、送煤");
        report.put("photos", List.of(uploaded.get("photoId")));
        var reported = exchange(as(GRID1, HttpRequest.POST("/api/deeds", report)), Map.class);
        assertEquals(201, reported.code());
        String deed = (String) reported.body().get("deedId");
        assertEquals("/api/deeds/" + deed, reported.getHeaders().get("Location"));
        awaitStatus(deed, "PENDING");
        Map<?, ?> view = get(ADMIN, "/api/deeds/" + deed, Map.class);
        assertEquals("韩春生", view.get("householdName"));
        assertEquals(uploaded.get("photoId"), view.get("photoIds"));
        assertEquals(MediaType.IMAGE_PNG, exchange(as(ADMIN, HttpRequest.GET("/api/deeds/photos/"
                + uploaded.get("photoId")).accept("image/*")), byte[].class).getContentType().orElseThrow().toString());
        assertTrue(list(GRID1, "/api/deeds/mine").stream()
                .anyMatch(d -> deed.equals(((Map<?, ?>) d).get("deedId"))), "the grid worker's own reports");

        // the first session: three of five approve, and the deed is posted
        String first = prepare("腊月评议会", deed);
        assertEquals("UNDER_REVIEW", vote("hedong.c1", deed, "APPROVE").get("status"));
        assertEquals("UNDER_REVIEW", vote("hedong.c2", deed, "ABSTAIN").get("status"));
        assertEquals("UNDER_REVIEW", vote("hedong.c3", deed, "APPROVE").get("status"));
        assertEquals("POSTED", vote("hedong.c4", deed, "APPROVE").get("status"));
        awaitStatus(deed, "POSTED");
        Map<?, ?> session = get(ADMIN, "/api/review-sessions/" + first, Map.class);
        Map<?, ?> line = (Map<?, ?>) ((List<?>) session.get("lines")).get(0);
        Eventually.until("four votes", () -> ((List<?>) ((Map<?, ?>) ((List<?>) get(ADMIN,
                "/api/review-sessions/" + first, Map.class).get("lines")).get(0)).get("votes")).size() == 4);
        assertEquals(deed, ((Map<?, ?>) line.get("deed")).get("deedId"));

        List<Map<String, Object>> board = list("hedong.villager", "/api/villages/" + hedong() + "/notice-board");
        Map<?, ?> notice = board.stream().filter(n -> deed.equals(n.get("deedId"))).findFirst().orElseThrow();
        assertEquals("韩春生", notice.get("householdName"));
        assertEquals(5, ((Number) notice.get("points")).intValue());

        // a villager objects: back to the queue, and to the next session
        assertEquals(204, exchange(as("hedong.villager", HttpRequest.POST("/api/deeds/" + deed + "/objections",
                Map.of("reason", "扫院子的是他侄子"))), String.class).code());
        awaitStatus(deed, "PENDING");
        assertTrue(list(ADMIN, "/api/villages/" + hedong() + "/notice-board")
                .stream().noneMatch(n -> deed.equals(n.get("deedId"))));
        assertEquals(204, exchange(as(ADMIN, HttpRequest.POST("/api/review-sessions/" + first + "/closing", "")),
                String.class).code());
        String second = prepare("正月评议会", deed);
        exchange(as("hedong.c5", HttpRequest.PUT("/api/deeds/" + deed + "/points",
                Map.of("points", 8, "reason", "核实后：连续扫了一个冬天"))), String.class);
        Eventually.until("points 8", () -> sql().count("SELECT points FROM deed_view WHERE deed_id = ?", deed) == 8);
        approve(deed);

        // the period passes; the scheduled job books the credit with the rule and the session
        assertEquals(60, balance(household), "nothing is credited while the deed is on the board");
        clock.advance(Duration.ofDays(7).plusMinutes(1));
        awaitStatus(deed, "CREDITED");
        awaitBalance(household, 68);
        Map<?, ?> credit = passbookLine(household, 0);
        assertEquals("CREDIT", credit.get("kind"));
        assertEquals(8, ((Number) credit.get("points")).intValue());
        assertEquals("助人为乐 [SOC-01 v1] · 正月评议会", credit.get("reason"));
        assertEquals("session:" + second, credit.get("source"));

        // found wrong later: revoked by the committee, reversed by a new line that names the reason
        assertEquals(204, exchange(as("hedong.c2", HttpRequest.POST("/api/deeds/" + deed + "/revocation",
                Map.of("reason", "经核实，扫雪是村里组织的集体劳动"))), String.class).code());
        awaitBalance(household, 60);
        Map<?, ?> reversal = passbookLine(household, 0);
        assertEquals("REVERSAL", reversal.get("kind"));
        assertEquals(-8, ((Number) reversal.get("points")).intValue());
        assertEquals("经核实，扫雪是村里组织的集体劳动", reversal.get("reason"));
        assertEquals("CREDIT", passbookLine(household, 1).get("kind"), "the credit stays, never edited");
        awaitStatus(deed, "REVOKED");

        // the village next door sees none of it
        assertEquals(403, refusal(as("leguo.admin", HttpRequest.GET("/api/deeds/" + deed))).status());
        assertEquals(403, refusal(as("leguo.admin", HttpRequest.GET("/api/review-sessions/" + second))).status());
        assertEquals(403, refusal(as("leguo.admin", HttpRequest.GET("/api/villages/" + hedong() + "/deeds")))
                .status());
        assertEquals(403, refusal(as("leguo.admin", HttpRequest.GET("/api/villages/" + hedong()
                + "/notice-board"))).status());
        assertEquals(403, refusal(as("leguo.admin", HttpRequest.GET("/api/deeds/photos/"
                + uploaded.get("photoId")).accept("image/*"))).status());
        assertEquals(403, refusal(as("leguo.admin", HttpRequest.GET("/api/households/" + household + "/deeds")))
                .status());
    }

    @Test
    void theReviewQueueListsTheVillagesDeedsByStatusForTheAdministratorAndTheOfficesAbove() {
        String household = freshHousehold("第二网格", "河东村", ADMIN, "冯桂兰");
        String deed = reportAs(GRID2, report(household, "ECO-01", today(), "清理村口水渠的淤泥"));
        awaitStatus(deed, "PENDING");
        for (String reader : List.of(ADMIN, "hedong.c1", "humaying", "wenmingban")) {
            List<Map<String, Object>> pending = list(reader, "/api/villages/" + hedong() + "/deeds?status=PENDING");
            assertTrue(pending.stream().anyMatch(d -> deed.equals(d.get("deedId"))), reader);
            assertTrue(pending.stream().allMatch(d -> "PENDING".equals(d.get("status"))), reader);
        }
        assertEquals(403, refusal(as(GRID2, HttpRequest.GET("/api/villages/" + hedong() + "/deeds"))).status(),
                "grid workers report; they do not run the queue");
        List<Map<String, Object>> ofHousehold = list(ADMIN, "/api/households/" + household + "/deeds");
        assertEquals(1, ofHousehold.size());
        assertEquals(List.of("河东村"), list("humaying", "/api/villages").stream().map(v -> v.get("name")).toList(),
                "a township officer works with the villages of the township");
    }

    @Test
    void aVillagerReportsForTheirOwnHouseholdAndSeesItAmongTheirDeeds() {
        String own = (String) sql().single("SELECT household_id FROM person WHERE username = 'hedong.villager'");
        String deed = reportAs("hedong.villager", report(own, "SOC-03", today(), "在村卫生室做志愿者，帮老人量血压"));
        awaitStatus(deed, "PENDING");
        List<Map<String, Object>> mine = list("hedong.villager", "/api/deeds/mine");
        assertTrue(mine.stream().anyMatch(d -> deed.equals(d.get("deedId"))));
        assertEquals("hedong.villager", get(ADMIN, "/api/deeds/" + deed, Map.class).get("reportedBy"));
        String neighbour = householdOf("河东村").equals(own)
                ? (String) sql().single("SELECT id FROM household WHERE id <> ? AND region_path = "
                + "(SELECT region_path FROM household WHERE id = ?) LIMIT 1", own, own)
                : householdOf("河东村");
        assertEquals(403, refusal(as("hedong.villager", HttpRequest.POST("/api/deeds",
                report(neighbour, "SOC-03", today(), "替邻居报")))).status(), "only for their own household");
    }

    private Map<?, ?> passbookLine(String household, int index) {
        Map<?, ?> passbook = get(ADMIN, "/api/households/" + household + "/passbook", Map.class);
        return (Map<?, ?>) ((List<?>) passbook.get("content")).get(index);
    }
}
