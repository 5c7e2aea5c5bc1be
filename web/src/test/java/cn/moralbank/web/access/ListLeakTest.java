package cn.moralbank.web.access;

import cn.moralbank.points.testing.Eventually;
import cn.moralbank.web.testing.AppTest;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Content, not status: every household, card and region a caller's lists, exports and rankings name lies in the
 * caller's scope (a village administrator 河东村, a township officer 胡麻营镇, the county office the county), and each
 * list holds at least one row, so the check cannot pass on an empty answer. The demo county's other villages and
 * townships are the regions that must not appear.
 */
@MicronautTest(transactional = false)
class ListLeakTest extends AppTest {

    @ParameterizedTest
    @CsvSource({"hedong.admin, 河东村", "humaying, 胡麻营镇", "wenmingban, 丰宁满族自治县"})
    void householdListsAndExportsHoldOnlyTheCallersHouseholds(String user, String scopeName) throws IOException {
        String scope = pathOf(scopeName);
        Map<?, ?> page = get(user, "/api/households?size=500", Map.class);
        List<?> rows = (List<?>) page.get("content");
        assertInScope(user + " household list", scope, rows.stream().map(r -> (String) ((Map<?, ?>) r).get("id")),
                "SELECT region_path FROM household WHERE id = ?");

        byte[] csv = file(user, "/api/households/export.csv");
        List<String> cards = new ArrayList<>();
        String[] lines = new String(csv, StandardCharsets.UTF_8).split("\r?\n");
        for (int i = 1; i < lines.length; i++) {
            cards.add(lines[i].split(",", 2)[0].replaceAll("\\D", ""));
        }
        assertInScope(user + " CSV export", scope, cards.stream(), "SELECT region_path FROM household WHERE card_number = ?");

        List<String> xlsxCards = new ArrayList<>();
        try (ReadableWorkbook book = new ReadableWorkbook(new ByteArrayInputStream(file(user,
                "/api/households/export.xlsx")))) {
            try (Stream<Row> sheet = book.getFirstSheet().openStream()) {
                sheet.skip(1).forEach(row -> xlsxCards.add(row.getCellText(0).replaceAll("\\D", "")));
            }
        }
        assertInScope(user + " xlsx export", scope, xlsxCards.stream(),
                "SELECT region_path FROM household WHERE card_number = ?");
        assertEquals(cards.size(), xlsxCards.size(), "the two exports hold the same households");
        assertEquals(households(scope), cards.size(), user + ": the export holds every household of its scope");
    }

    @ParameterizedTest
    @CsvSource({"hedong.admin, 河东村", "humaying, 胡麻营镇", "wenmingban, 丰宁满族自治县"})
    void rankingsNameOnlyTheCallersHouseholdsAndRegions(String user, String scopeName) {
        String scope = pathOf(scopeName);
        // the rankings projection follows the demo's events a moment after start
        Eventually.until("the rankings caught up with the demo county", () ->
                sql().count("SELECT coalesce(max(households), 0) FROM ranking_region_size")
                        == sql().count("SELECT count(*) FROM household"));
        List<Map<String, Object>> top = list(user, "/api/rankings/households?limit=500&period=ALL");
        assertInScope(user + " household ranking", scope, top.stream().map(r -> (String) r.get("householdId")),
                "SELECT region_path FROM household WHERE id = ?");
        List<Map<String, Object>> villages = list(user, "/api/rankings/villages?period=ALL");
        assertInScope(user + " village ranking", scope, villages.stream().map(r -> String.valueOf(r.get("regionId"))),
                "SELECT path FROM region WHERE id = CAST(? AS bigint)");
        List<Map<String, Object>> regions = list(user, "/api/rankings/regions?period=ALL");
        assertInScope(user + " region ranking", scope, regions.stream().map(r -> String.valueOf(r.get("regionId"))),
                "SELECT path FROM region WHERE id = CAST(? AS bigint)");
        Map<?, ?> figures = get(user, "/api/rankings/figures?period=ALL", Map.class);
        assertEquals(households(scope), ((Number) figures.get("households")).longValue(),
                user + ": the figures count the households of the scope, no more: " + figures);
    }

    private void assertInScope(String what, String scope, Stream<String> keys, String pathQuery) {
        List<String> all = keys.toList();
        assertFalse(all.isEmpty(), what + ": no rows, the check would pass on nothing");
        for (String key : all) {
            String path = (String) sql().single(pathQuery, key);
            assertNotNull(path, what + ": " + key + " is no known household or region");
            assertTrue(path.startsWith(scope), what + ": " + key + " at " + path + " lies outside " + scope);
        }
    }

    private long households(String scope) {
        return sql().count("SELECT count(*) FROM household WHERE region_path LIKE ? || '%'", scope);
    }

    private String pathOf(String regionName) {
        return (String) sql().single("SELECT path FROM region WHERE name = ?", regionName);
    }

    private byte[] file(String user, String path) {
        return client.toBlocking().retrieve(as(user, HttpRequest.GET(path)).accept(MediaType.ALL_TYPE), byte[].class);
    }

    private List<Map<String, Object>> list(String user, String path) {
        return client.toBlocking().retrieve(as(user, HttpRequest.GET(path)),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));
    }
}
