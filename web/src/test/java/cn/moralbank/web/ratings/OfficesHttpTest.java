package cn.moralbank.web.ratings;

import cn.moralbank.points.deed.MovableClock;
import cn.moralbank.points.ranking.Period;
import cn.moralbank.points.report.ReportSchedule;
import cn.moralbank.points.testing.Eventually;
import cn.moralbank.web.testing.AppTest;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What the county office and township officers do, through the real server on the demo county: open and publish the
 * quarter's grid worker round and print a certificate, see a red village on the dashboard, stay within their
 * township, download a monthly report. Refusals answer 403 or 422 and change nothing.
 */
@MicronautTest(transactional = false)
class OfficesHttpTest extends AppTest {
    private static final LocalDate TODAY = AppTest.countyToday();
    private static final String QUARTER = TODAY.getYear() + "-Q" + TODAY.get(IsoFields.QUARTER_OF_YEAR);

    @Inject ReportSchedule schedule;
    @Inject MovableClock clock;

    /**
     * Runs a step on the first morning after this quarter: a quarter's grid worker round opens and is published only
     * once the quarter is over. The clock is put back afterwards.
     */
    private void afterTheQuarter(Runnable step) {
        LocalDate end = Period.parse(QUARTER).end();
        Duration ahead = Duration.between(clock.instant(),
                end.atTime(8, 0).atZone(clock.getZone()).toInstant());
        clock.advance(ahead);
        try {
            step.run();
        } finally {
            clock.advance(ahead.negated());
        }
    }

    @BeforeAll
    void rankingsCaughtUp() {
        // the demo's deeds are in the event store; the pages read the rankings once the projection has them
        Eventually.until("the demo's rankings", () -> sql().count(
                "SELECT count(*) FROM ranking_deed WHERE status = 'CONFIRMED'") > 60
                && sql().count("SELECT households FROM ranking_region_size r JOIN region g ON g.id = r.region_id "
                + "WHERE g.level = 'COUNTY'") == 210);
    }

    private Browser browser() {
        return new Browser(client, noRedirects());
    }

    private long region(String name) {
        return sql().count("SELECT id FROM region WHERE name = ?", name);
    }

    @Test
    void theCountyOfficeOpensTheQuartersRoundPublishesTheStarsAndPrintsACertificate() {
        Browser office = browser().signIn("wenmingban");
        HttpResponse<String> early = office.post("/ratings/open", Map.of("kind", "GRID_WORKERS", "period", QUARTER));
        assertEquals(422, early.code(), "not before the quarter is over");
        assertTrue(early.body().contains("还没有结束"), early.body());
        afterTheQuarter(() -> quartersRound(office));
    }

    private void quartersRound(Browser office) {
        String roundId = "W-130826-" + QUARTER;
        HttpResponse<String> opened = office.post("/ratings/open", Map.of("kind", "GRID_WORKERS", "period", QUARTER));
        assertEquals(303, opened.code());
        assertEquals("/ratings/" + roundId, opened.header("Location"));
        String round = office.page("/ratings/" + roundId).body();
        assertTrue(round.contains("上报被确认"), "the criteria and each worker's criterion scores");
        assertTrue(round.contains("乐国窝铺村第一网格"));

        List<Map<String, Object>> results = results(roundId);
        assertEquals(7, results.size(), "every grid worker of the county");
        Map<String, Object> leguo = results.stream().filter(r -> r.get("subject").equals("leguo.grid1"))
                .findFirst().orElseThrow();
        assertTrue(((Number) leguo.get("confirmed")).intValue() > 5, "the deeds the worker reported this quarter");

        assertEquals(303, office.post("/ratings/" + roundId + "/adjust", Map.of("subject", "hedong.grid1",
                "value", "92", "reason", "组织全村清理河道，群众反映好")).code());
        assertEquals(303, office.post("/ratings/" + roundId + "/adjust", Map.of("subject", "leguo.grid1",
                "value", "5", "reason", "本季度几乎没有上报")).code());
        assertEquals(303, office.post("/ratings/" + roundId + "/publish", Map.of()).code());
        // one star, below the round's line: warned, not honoured (the walk-through printed 一星级网格员 certificates)
        assertFalse(office.page("/ratings/" + roundId + "?region=" + sql().single(
                "SELECT id FROM region WHERE name = '乐国窝铺村'")).body()
                .contains("/certificates/leguo.grid1"), "no 证书 link below the line");
        // its village has no other worker: no 打印证书 either (it printed one blank page)
        assertFalse(office.page("/ratings/" + roundId + "?region=" + sql().single(
                "SELECT id FROM region WHERE name = '乐国窝铺村'")).body().contains("/certificates?region="),
                "no print-all link for a village without certificates");
        assertEquals(422, office.refused("/ratings/" + roundId + "/certificates/leguo.grid1"));
        assertTrue(office.page("/ratings/" + roundId).body().contains("/certificates/hedong.grid1"));
        HttpResponse<String> again = office.post("/ratings/" + roundId + "/publish", Map.of());
        assertEquals(422, again.code(), "a round is published once");
        assertTrue(again.body().contains("本次评定已经公布过了"), again.body());

        String worker = (String) results.stream().filter(r -> r.get("subject").equals("hedong.grid1")).findFirst()
                .orElseThrow().get("name");
        String name = worker.replaceAll("（.*）", "");
        String certificate = office.page("/ratings/" + roundId + "/certificates/hedong.grid1").body();
        assertTrue(certificate.contains("荣誉证书"));
        assertTrue(certificate.contains(name), "the worker's name: " + name);
        assertTrue(certificate.contains("丰宁满族自治县"));
        assertTrue(certificate.contains("五星级网格员"), "92 points: five stars");
        assertTrue(certificate.contains("第" + "一二三四".charAt(TODAY.get(IsoFields.QUARTER_OF_YEAR) - 1) + "季度"));
    }

    @Test
    void aGridWorkerAppealsTheirPublishedStarsAndTheOfficeAnswers() {
        afterTheQuarter(this::appealed);
    }

    private void appealed() {
        String roundId = "W-130826-" + QUARTER;
        Browser office = browser().signIn("wenmingban");
        office.post("/ratings/open", Map.of("kind", "GRID_WORKERS", "period", QUARTER));
        office.post("/ratings/" + roundId + "/publish", Map.of());
        Browser worker = browser().signIn("leying.grid1");
        assertTrue(worker.page("/ratings/mine").body().contains("提交申诉"), "the appeal is open");
        assertEquals(303, worker.post("/ratings/" + roundId + "/appeal",
                Map.of("reason", "十月份上报的三件事迹还在公示，应计入")).code());
        assertEquals(422, worker.post("/ratings/" + roundId + "/appeal", Map.of("reason", "再次申诉")).code(),
                "one appeal per round");
        assertTrue(worker.page("/ratings/mine").body().contains("已申诉，待答复"));
        assertEquals(403, worker.refused("/ratings/" + roundId), "the round's page is the offices'");

        assertTrue(office.page("/ratings/" + roundId).body().contains("十月份上报的三件事迹还在公示"));
        assertEquals(303, office.post("/ratings/" + roundId + "/decide", Map.of("worker", "leying.grid1",
                "upheld", "yes", "newScore", "78", "reason", "核实属实，按公示事迹计分")).code());
        String mine = worker.page("/ratings/mine").body();
        assertTrue(mine.contains("申诉成立"));
        assertTrue(mine.contains("核实属实，按公示事迹计分"));
        assertEquals(403, browser().signIn("humaying").post("/ratings/" + roundId + "/decide",
                Map.of("worker", "leying.grid1", "upheld", "no", "reason", "乡镇不能答复")).code());
    }

    @Test
    void theDashboardDrawsItsChartsAndShowsARedVillageToInspect() {
        Browser office = browser().signIn("wenmingban");
        String dashboard = office.page("/dashboard").body();
        assertTrue(dashboard.contains("data-chart="), "charts drawn from data attributes");
        assertTrue(dashboard.contains("/vendor/echarts/echarts.min.js"), "ECharts from the application itself");
        assertTrue(dashboard.contains("badge c-red"), "a red village");
        assertTrue(dashboard.contains("达四沟村"), "no good deed confirmed there this quarter");
        assertTrue(dashboard.contains("badge c-green"), "乐国窝铺村 takes part well");
        assertEquals(200, office.download("/vendor/echarts/echarts.min.js").code());

        long dasigou = region("达四沟村");
        HttpResponse<String> note = office.post("/dashboard/inspections", Map.of("village", String.valueOf(dasigou),
                "period", QUARTER, "note", "已约谈村支书，下周召开评议会", "back", "/dashboard"));
        assertEquals(303, note.code());
        assertTrue(office.page("/dashboard").body().contains("已约谈村支书，下周召开评议会"));
        assertEquals(422, office.post("/dashboard/inspections", Map.of("village", String.valueOf(dasigou),
                "period", QUARTER, "note", " ")).code(), "an empty note is refused");
        // a township officer naming a region of another township is refused before any refusal names it
        long otherTownship = region("黄旗镇");
        HttpResponse<String> outside = browser().signIn("humaying").post("/dashboard/inspections", Map.of("village",
                String.valueOf(otherTownship), "period", QUARTER, "note", "越权"));
        assertEquals(403, outside.code());
        assertFalse(outside.body().contains("黄旗镇"), outside.body());
        // a "back to" that is no address (a space, a stray %) or another site's goes to the dashboard: it answered 500
        // after the note was saved
        for (String back : List.of("/dashboard x", "/dashboard%", "//evil.example/dashboard", "/dashboard\\x")) {
            HttpResponse<String> odd = office.post("/dashboard/inspections", Map.of("village",
                    String.valueOf(dasigou), "period", QUARTER, "note", "回访 " + back, "back", back));
            assertEquals(303, odd.code(), back);
            assertEquals("/dashboard", odd.header("Location"), back);
        }

        String all = office.page("/dashboard/lagging?period=" + QUARTER).body();
        assertTrue(all.contains("达四沟村") && all.contains("name=\"note\""), "every lagging village with its note form");
        assertFalse(all.contains("乐国窝铺村"), "a village that takes part well is not listed");
        assertTrue(all.contains("已约谈村支书，下周召开评议会"), "the notes written so far");
    }

    @Test
    void aTownshipOfficerSeesTheirTownshipAndIsRefusedAnother() {
        Browser humaying = browser().signIn("humaying");
        long own = region("胡麻营镇");
        long other = region("黄旗镇");
        long county = region("丰宁满族自治县");
        String dashboard = humaying.page("/dashboard").body();
        assertTrue(dashboard.contains("胡麻营镇"));
        assertFalse(dashboard.contains("乐国窝铺村"), "nothing of another township");
        assertEquals(200, humaying.page("/dashboard?region=" + own).code());
        assertEquals(403, humaying.refused("/dashboard?region=" + other));
        assertEquals(403, humaying.refused("/dashboard?region=" + county));
        assertEquals(200, humaying.page("/dashboard/lagging?region=" + own).code());
        assertEquals(403, humaying.refused("/dashboard/lagging?region=" + other));
        assertEquals(403, humaying.refused("/dashboard/lagging?region=" + county));
        assertEquals(403, humaying.refused("/rankings?region=" + other));

        assertEquals(403, refusal(as("humaying", HttpRequest.GET("/api/rankings/regions?parent=" + county))).status());
        Refusal households = refusal(as("humaying", HttpRequest.GET("/api/rankings/households?region=" + other)));
        assertEquals(403, households.status());
        assertTrue(households.contentType().startsWith("application/problem+json"));
        List<Map<String, Object>> villages = list("humaying", "/api/rankings/villages");
        assertEquals(1, villages.size(), "河东村 only");
        assertEquals(403, refusal(as("humaying", HttpRequest.GET("/api/rankings/figures?region=" + other))).status());
        assertEquals(403, refusal(as("humaying", HttpRequest.POST("/api/ratings/rounds",
                Map.of("kind", "GRID_WORKERS", "period", QUARTER)))).status(), "only the county office opens rounds");
    }

    @Test
    void periodsInTheFutureOrMalformedAndWeightsThatDoNotAddUpAreRefused() {
        String nextYear = String.valueOf(TODAY.getYear() + 1);
        Refusal future = refusal(as("wenmingban", HttpRequest.GET("/api/rankings/figures?period=" + nextYear)));
        assertEquals(422, future.status());
        assertTrue(future.body().contains("ranking.period.future"), future.body());
        assertEquals(422, refusal(as("wenmingban", HttpRequest.GET("/api/rankings/figures?period=2026-13"))).status());
        Refusal round = refusal(as("wenmingban", HttpRequest.POST("/api/ratings/rounds",
                Map.of("kind", "HOUSEHOLDS", "period", nextYear))));
        assertEquals(422, round.status());
        Refusal weights = refusal(as("wenmingban", HttpRequest.PUT("/api/ratings/criteria/workers",
                Map.of("confirmedWeight", 50, "participationWeight", 50, "timelinessWeight", 10,
                        "accuracyWeight", 10, "townshipWeight", 10, "confirmedTarget", 6, "maxDelayDays", 14,
                        "starThresholds", List.of(40, 60, 75, 90), "flagBelowStars", 3, "appealDays", 15))));
        assertEquals(422, weights.status());
        assertTrue(weights.body().contains("rating.criteria.weights-not-100"), weights.body());
        assertEquals(30, ((Number) ((Map<?, ?>) get("wenmingban", "/api/ratings/criteria", Map.class)
                .get("workers")).get("confirmedWeight")).intValue(), "nothing changed");
    }

    @Test
    void aMonthlyReportDownloadsAsAWorkbookWithARowPerVillage() throws Exception {
        Browser office = browser().signIn("wenmingban");
        String month = TODAY.withDayOfMonth(1).minusMonths(1).toString().substring(0, 7);
        HttpResponse<String> made = office.post("/reports", Map.of("period", month));
        assertEquals(303, made.code());
        String report = made.header("Location");
        assertTrue(office.page(report).body().contains("月报"), "the printable report");
        assertTrue(office.page("/reports").body().contains(month), "in the history");

        HttpResponse<byte[]> file = office.download(report + "/xlsx");
        assertEquals(200, file.code());
        assertTrue(file.getContentType().orElseThrow().toString().contains("spreadsheetml"));
        byte[] xlsx = file.body();
        assertEquals("PK", new String(xlsx, 0, 2), "an xlsx is a zip");
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            Map<String, List<Row>> sheets = workbook.getSheets().collect(Collectors.toMap(Sheet::getName, s -> {
                try {
                    return s.read();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
            List<Row> summary = sheets.get("概况");
            assertTrue(summary.get(0).getCellText(0).contains("月报"));
            assertEquals("210", summary.stream().filter(r -> r.getCellText(0).equals("在册户数")).findFirst()
                    .orElseThrow().getCellText(1));
            List<Row> villages = sheets.get("各村");
            assertEquals(7, villages.size(), "a header and six villages");
            assertEquals(List.of("名次", "上级", "村"), List.of(villages.get(0).getCellText(0),
                    villages.get(0).getCellText(1), villages.get(0).getCellText(2)));
            assertTrue(villages.stream().anyMatch(r -> r.getCellText(2).equals("乐国窝铺村")));
            assertEquals(7, sheets.get("下辖地区").size(), "a header and six townships");
        }
        assertEquals(403, browser().signIn("hedong.admin").refused(report), "reports are the offices'");
        assertEquals(403, browser().signIn("humaying").refused(report), "a county report is not a township's");
    }

    @Test
    void scheduledReportsAreMadeOnceHoweverOftenTheScheduleRuns() {
        int first = schedule.runDue();
        assertEquals(4, first, "last week, month, quarter and year");
        assertEquals(0, schedule.runDue(), "a second run, or a second node, makes nothing");
        assertEquals(4, sql().count("SELECT count(*) FROM report WHERE scheduled"));
    }

    private List<Map<String, Object>> results(String roundId) {
        return list("wenmingban", "/api/ratings/rounds/" + roundId + "/results");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<Map<String, Object>> list(String username, String path) {
        return (List) client.toBlocking().retrieve(as(username, HttpRequest.GET(path)),
                Argument.listOf(Map.class));
    }
}
