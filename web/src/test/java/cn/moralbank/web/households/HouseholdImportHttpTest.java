package cn.moralbank.web.households;

import cn.moralbank.web.testing.AppTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

@MicronautTest(transactional = false)
class HouseholdImportHttpTest extends AppTest {

    private String grid() {
        return (String) sql().single("SELECT code FROM region WHERE name = '第二网格' AND path LIKE "
                + "(SELECT path FROM region WHERE name = '河东村') || '%'");
    }

    private MultipartBody file(String csv) {
        return MultipartBody.builder().addPart("file", "households.csv", MediaType.TEXT_PLAIN_TYPE,
                csv.getBytes(StandardCharsets.UTF_8)).build();
    }

    @Test
    void aCsvWithBrokenRowsListsEveryProblemAndImportsNothing() {
        String csv = "户主,网格编码,电话\n"
                + "张玉兰," + grid() + ",13800000001\n"
                + "," + grid() + ",\n"
                + "李树林,no-such-grid,\n"
                + "王春花," + grid() + ",not-a-phone\n";
        long before = sql().count("SELECT count(*) FROM household");
        Map<?, ?> preview = client.toBlocking().retrieve(as("hedong.admin",
                HttpRequest.POST("/api/households/import/preview", file(csv)).contentType(MediaType.MULTIPART_FORM_DATA_TYPE)), Map.class);
        assertEquals(false, preview.get("importable"));
        List<?> problems = (List<?>) preview.get("problems");
        assertEquals(List.of(3, 4, 5), problems.stream().map(p -> ((Number) ((Map<?, ?>) p).get("line")).intValue()).toList());
        assertFalse(((String) ((Map<?, ?>) problems.get(0)).get("message")).isBlank());

        var refusal = refusal(as("hedong.admin", HttpRequest.POST("/api/households/import", file(csv))
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE)));
        assertEquals(422, refusal.status());
        assertEquals(before, sql().count("SELECT count(*) FROM household"));
    }

    @Test
    void aCleanCsvImportsEveryRowAndOpensTheirAccounts() {
        String csv = "户主,家庭成员,网格编码\n张玉兰,李建国/丈夫," + grid() + "\n刘德胜,," + grid() + "\n";
        long before = sql().count("SELECT count(*) FROM household");
        // the demo county may have a household of the same name already
        Object namesakes = sql().single("SELECT coalesce(string_agg(id, ','), '') FROM household WHERE head_name = '刘德胜'");
        HttpResponse<Map> imported = exchange(as("hedong.admin", HttpRequest.POST("/api/households/import", file(csv))
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE)), Map.class);
        assertEquals(201, imported.code());
        assertEquals(2, ((Number) imported.body().get("imported")).intValue());
        assertEquals(before + 2, sql().count("SELECT count(*) FROM household"));
        String id = (String) sql().single("SELECT id FROM household WHERE head_name = '刘德胜' "
                + "AND NOT (id = ANY (string_to_array(?, ',')))", namesakes);
        awaitBalance(id, 60);
    }

    @Test
    void theExportIsAnXlsxOfTheCallersScopeOnly() {
        HttpResponse<byte[]> xlsx = exchange(as("leguo.admin", HttpRequest.GET("/api/households/export.xlsx")), byte[].class);
        assertEquals(200, xlsx.code());
        assertEquals('P', (char) xlsx.body()[0], "an xlsx is a zip");
        HttpResponse<String> csv = exchange(as("leguo.admin", HttpRequest.GET("/api/households/export.csv")), String.class);
        long leguo = sql().count("SELECT count(*) FROM household WHERE region_path LIKE "
                + "(SELECT path FROM region WHERE name = '乐国窝铺村') || '%'");
        assertEquals(leguo + 1, csv.body().strip().lines().count(), "a header and the village's households");
        assertEquals(403, refusal(as("hedong.villager", HttpRequest.GET("/api/households/export.csv"))).status());
    }
}
