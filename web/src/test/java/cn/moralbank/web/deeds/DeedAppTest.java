package cn.moralbank.web.deeds;

import cn.moralbank.points.deed.MovableClock;
import cn.moralbank.points.testing.Eventually;
import cn.moralbank.web.testing.AppTest;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.multipart.MultipartBody;
import jakarta.inject.Inject;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the deed HTTP tests share, on the demo county: 河东村 (grids 第一网格 and 第二网格, grid workers hedong.grid1 and
 * hedong.grid2, committee hedong.c1 to c5) and its neighbour 乐国窝铺村; the county's rules by code; a fresh household
 * in a grid (registered now, so its passbook holds only what a test does); the clock, which tests move.
 */
abstract class DeedAppTest extends AppTest {
    static final String ADMIN = "hedong.admin";
    static final String GRID1 = "hedong.grid1";
    static final String GRID2 = "hedong.grid2";
    static final List<String> COMMITTEE = List.of("hedong.c1", "hedong.c2", "hedong.c3", "hedong.c4", "hedong.c5");

    @Inject
    MovableClock clock;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(super.getProperties());
        props.putAll(noticeJob());
        return props;
    }

    /** The objection-period job's settings for this test class. */
    abstract Map<String, String> noticeJob();

    LocalDate today() {
        return LocalDate.now(clock);
    }

    long villageId(String name) {
        return sql().count("SELECT id FROM region WHERE level = 'VILLAGE' AND name = ?", name);
    }

    long hedong() {
        return villageId("河东村");
    }

    long ruleId(String code) {
        return sql().count("SELECT rule_id FROM rule_version WHERE code = ? AND village_id IS NULL LIMIT 1", code);
    }

    String gridCode(String gridName, String villageName) {
        return (String) sql().single("SELECT code FROM region WHERE name = ? AND path LIKE "
                + "(SELECT path FROM region WHERE name = ?) || '%'", gridName, villageName);
    }

    /** A household registered now by the village's administrator, with the base score of 60 and nothing else. */
    String freshHousehold(String gridName, String villageName, String admin, String headName) {
        Map<?, ?> body = exchange(as(admin, HttpRequest.POST("/api/households",
                Map.of("headName", headName, "gridCode", gridCode(gridName, villageName)))), Map.class).body();
        String id = (String) body.get("id");
        awaitBalance(id, 60);
        return id;
    }

    Map<String, Object> report(String household, String rule, LocalDate date, String description) {
        Map<String, Object> report = new HashMap<>();
        report.put("householdId", household);
        report.put("ruleId", ruleId(rule));
        report.put("deedDate", date.toString());
        report.put("description", description);
        return report;
    }

    String reportAs(String reporter, Map<String, Object> report) {
        HttpResponse<Map> answer = exchange(as(reporter, HttpRequest.POST("/api/deeds", report)), Map.class);
        return (String) answer.body().get("deedId");
    }

    String status(String deedId) {
        return (String) sql().single("SELECT status FROM deed_view WHERE deed_id = ?", deedId);
    }

    void awaitStatus(String deedId, String status) {
        Eventually.until(deedId + " " + status, () -> status.equals(status(deedId)));
    }

    String prepare(String title, String... deeds) {
        HttpResponse<Map> prepared = exchange(as(ADMIN, HttpRequest.POST("/api/villages/" + hedong()
                + "/review-sessions", Map.of("title", title, "deedIds", List.of(deeds)))), Map.class);
        for (String deed : deeds) {
            awaitStatus(deed, "UNDER_REVIEW");
        }
        return (String) prepared.body().get("sessionId");
    }

    Map<?, ?> vote(String member, String deed, String choice) {
        return exchange(as(member, HttpRequest.POST("/api/deeds/" + deed + "/votes", Map.of("choice", choice))),
                Map.class).body();
    }

    /** A committee majority (three of five) approves: the deed goes onto the notice board. */
    void approve(String deed) {
        for (int i = 0; i < 3; i++) {
            vote(COMMITTEE.get(i), deed, "APPROVE");
        }
        awaitStatus(deed, "POSTED");
    }

    /** A JSON array answer, each element a map. */
    List<Map<String, Object>> list(String username, String path) {
        return client.toBlocking().retrieve(as(username, HttpRequest.GET(path)),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));
    }

    long eventsOf(String aggregateId) {
        return sql().count("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", aggregateId);
    }

    long allEvents() {
        return sql().count("SELECT count(*) FROM domain_event_entry");
    }

    long photos() {
        return sql().count("SELECT count(*) FROM deed_photo");
    }

    static MultipartBody photoUpload(String household, String filename, MediaType type, byte[] bytes) {
        return MultipartBody.builder().addPart("householdId", household).addPart("file", filename, type, bytes)
                .build();
    }

    /** A real, small PNG, as a phone would not send but the type check reads the same way. */
    static byte[] png() {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
