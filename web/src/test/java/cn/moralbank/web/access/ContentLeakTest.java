package cn.moralbank.web.access;

import cn.moralbank.points.testing.Eventually;
import cn.moralbank.web.testing.AppTest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Content, not status, on the matrix's world (a sibling village 河西村 and a second county 隆化县 北山村, each with
 * households, deeds, vouchers, a supermarket, a rating round, a report): what a caller's lists, pages, exports and
 * reports name — household ids and card numbers, village names — lies in the caller's scope, and at least one
 * household of the scope is named, so the check cannot pass on an empty answer.
 */
@MicronautTest(transactional = false)
class ContentLeakTest extends AppTest {
    @Inject
    ApplicationContext context;
    MatrixWorld world;

    @BeforeAll
    void world() {
        world = new MatrixWorld(context, sql(), (user, request) -> {
            try {
                return client.toBlocking().exchange(as(user, (MutableHttpRequest<?>) request), Map.class).getBody()
                        .orElse(Map.of());
            } catch (HttpClientResponseException e) {
                throw new AssertionError("setup: " + user + " " + request.getPath() + " answered " + e.code(), e);
            }
        }).build();
        long[] last = {-1};
        Eventually.until("the projections settle", () -> {
            long now = sql().count("SELECT (SELECT count(*) FROM deed_view) + (SELECT count(*) FROM voucher_view)"
                    + " + (SELECT count(*) FROM rating_result_view) + (SELECT count(*) FROM account_balance)");
            boolean same = now == last[0];
            last[0] = now;
            return same;
        });
    }

    @Test
    void theVillageAdministratorSeesOnly河东村() {
        String village = world.places.get("V1").id("village");
        String shop = world.places.get("V1").id("supermarket");
        String scope = world.places.get("V1").path();
        for (String path : List.of("/api/households?size=500", "/households", "/api/rankings/households?period=ALL",
                "/api/villages/" + village + "/deeds", "/deeds/review", "/api/villages/" + village + "/notice-board",
                "/deeds/notice", "/vouchers", "/api/supermarkets/" + shop + "/sales", "/rankings")) {
            assertOnlyScope("hedong.admin", path, scope, text("hedong.admin", path));
        }
    }

    @Test
    void committeeAndGridWorkersSeeOnlyTheirVillageAndGrid() {
        String village = world.places.get("V1").id("village");
        String v1 = world.places.get("V1").path();
        for (String path : List.of("/api/households?size=500", "/households", "/api/rankings/households?period=ALL",
                "/api/villages/" + village + "/deeds", "/deeds/review", "/deeds/notice")) {
            assertOnlyScope("hedong.c1", path, v1, text("hedong.c1", path));
        }
        String grid = world.places.get("HOME").path();
        for (String path : List.of("/api/households?size=500", "/households", "/api/deeds/mine")) {
            assertOnlyScope("hedong.grid1", path, grid, text("hedong.grid1", path));
        }
    }

    @Test
    void theTownshipOfficerSeesOnly胡麻营镇() {
        String scope = world.places.get("T1").path();
        String report = world.places.get("T1").id("report");
        assertNotNull(report, "the world made a report of 胡麻营镇");
        for (String path : List.of("/api/households?size=500", "/households", "/api/rankings/households?period=ALL",
                "/api/rankings/villages?period=ALL", "/deeds/review", "/rankings", "/dashboard",
                "/reports/" + report)) {
            assertOnlyScope("humaying", path, scope, text("humaying", path));
        }
        assertOnlyScope("humaying", "report xlsx", scope, xlsxText("humaying", "/reports/" + report + "/xlsx"));
    }

    @Test
    void theCountyOfficeSeesOnlyItsCounty() {
        String scope = world.places.get("A").path();
        String report = world.places.get("A").id("report");
        String round = world.places.get("A").id("round");
        List<String> paths = new ArrayList<>(List.of("/api/households?size=500", "/households",
                "/api/rankings/households?period=ALL", "/api/rankings/villages?period=ALL", "/dashboard",
                "/rankings", "/reports/" + report));
        if (round != null) {
            paths.add("/api/ratings/rounds/" + round + "/results");
        }
        for (String path : paths) {
            assertOnlyScope("wenmingban", path, scope, text("wenmingban", path));
        }
        assertOnlyScope("wenmingban", "report xlsx", scope, xlsxText("wenmingban", "/reports/" + report + "/xlsx"));
        assertOnlyScope("wenmingban", "household xlsx", scope,
                xlsxText("wenmingban", "/api/households/export.xlsx"));
    }

    /**
     * No household of another region (id or card number) and no village outside the scope (by name or region path) is
     * named; at
     * least one household or village of the scope is.
     */
    private void assertOnlyScope(String user, String what, String scope, String body) {
        List<String> named = new ArrayList<>();
        for (Map<String, Object> h : rows("SELECT id, card_number, region_path FROM household")) {
            String id = (String) h.get("id");
            String card = (String) h.get("card_number");
            boolean inScope = ((String) h.get("region_path")).startsWith(scope);
            boolean shown = body.contains(id) || body.contains(card);
            assertFalse(shown && !inScope, user + " " + what + " names household " + id + "/" + card + " of "
                    + h.get("region_path") + ", outside " + scope);
            if (shown) {
                named.add(id);
            }
        }
        for (Map<String, Object> v : rows("SELECT name, path FROM region WHERE level = 'VILLAGE'")) {
            boolean inScope = ((String) v.get("path")).startsWith(scope) || scope.startsWith((String) v.get("path"));
            boolean shown = body.contains((String) v.get("name")) || body.contains((String) v.get("path"));
            assertFalse(shown && !inScope, user + " " + what + " names village " + v.get("name") + ", outside "
                    + scope);
            if (shown && inScope) {
                named.add((String) v.get("name"));
            }
        }
        assertFalse(named.isEmpty(), user + " " + what + ": names nothing of its scope, the check would pass on "
                + "nothing: " + body.substring(0, Math.min(300, body.length())));
    }

    private List<Map<String, Object>> rows(String query) {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (var connection = DelegatingDataSource.unwrapDataSource(dataSource)
                .getConnection(); var statement = connection.createStatement();
             var result = statement.executeQuery(query)) {
            while (result.next()) {
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                    row.put(result.getMetaData().getColumnLabel(i), result.getObject(i));
                }
                rows.add(row);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    private String text(String user, String path) {
        MutableHttpRequest<?> request = as(user, HttpRequest.GET(path))
                .accept(path.startsWith("/api/") ? MediaType.APPLICATION_JSON_TYPE : MediaType.TEXT_HTML_TYPE);
        return client.toBlocking().retrieve(request, String.class);
    }

    /** Every cell of every sheet, one per line. */
    private String xlsxText(String user, String path) {
        byte[] file = client.toBlocking().retrieve(as(user, HttpRequest.GET(path)).accept(MediaType.ALL_TYPE),
                byte[].class);
        StringBuilder text = new StringBuilder();
        try (ReadableWorkbook book = new ReadableWorkbook(new ByteArrayInputStream(file))) {
            for (Sheet sheet : book.getSheets().toList()) {
                for (var row : sheet.read()) {
                    for (Cell cell : row) {
                        if (cell != null) {
                            text.append(cell.getText()).append('\n');
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue(text.length() > 0, path + " is an empty workbook");
        return text.toString();
    }
}
