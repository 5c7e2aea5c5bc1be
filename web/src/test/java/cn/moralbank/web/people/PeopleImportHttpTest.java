package cn.moralbank.web.people;

import cn.moralbank.web.testing.AppTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * 人员批量导入 through HTTP: a GBK CSV on the pages (preview, then the sealed-slip list of temporary passwords that
 * sign in and must be changed first), an xlsx on the API; a file with refused rows names each row and reason in
 * the reader's language and changes nothing; who may import whom is the management rule's.
 */
@MicronautTest(transactional = false)
class PeopleImportHttpTest extends AppTest {

    private String code(String regionName) {
        return (String) sql().single("SELECT code FROM region WHERE name = ? ORDER BY id LIMIT 1", regionName);
    }

    private String grid(String village, int nth) {
        return (String) sql().single("""
                SELECT g.code FROM region g JOIN region v ON g.parent_id = v.id
                WHERE v.name = ? ORDER BY g.code OFFSET ? LIMIT 1""", village, nth);
    }

    private static MultipartBody file(String name, byte[] content) {
        return MultipartBody.builder().addPart("file", name, MediaType.APPLICATION_OCTET_STREAM_TYPE, content).build();
    }

    private static <T> MutableHttpRequest<T> multipart(MutableHttpRequest<T> request) {
        return request.contentType(MediaType.MULTIPART_FORM_DATA_TYPE);
    }

    private long people() {
        return sql().count("SELECT count(*) FROM person");
    }

    private long audit() {
        return sql().count("SELECT count(*) FROM person_change");
    }

    @Test
    void aVillageAdministratorImportsAGbkFileOnThePagesAndEachTemporaryPasswordMustBeChangedFirst() {
        String csv = "用户名,姓名,角色,管辖区划代码,电话\r\n"
                + "hedong.imp1,王导入,网格员," + grid("河东村", 0) + ",13800000001\r\n"
                + "hedong.imp2,李导入,COMMITTEE_MEMBER," + code("河东村") + ",\r\n";
        byte[] gbk = csv.getBytes(Charset.forName("GBK"));
        String preview = client.toBlocking().retrieve(as("hedong.admin", multipart(HttpRequest.POST(
                "/people/import/preview", file("人员.csv", gbk))).accept(MediaType.TEXT_HTML_TYPE)), String.class);
        assertTrue(preview.contains("共 2 人，没有问题") && preview.contains("王导入"), preview);
        assertEquals(0, sql().count("SELECT count(*) FROM person WHERE username LIKE 'hedong.imp%'"),
                "the preview changes nothing");

        String slips = client.toBlocking().retrieve(as("hedong.admin", HttpRequest.POST("/people/import",
                "fileName=" + URLEncoder.encode("人员.csv", StandardCharsets.UTF_8) + "&content="
                        + URLEncoder.encode(Base64.getEncoder().encodeToString(gbk), StandardCharsets.UTF_8))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE).accept(MediaType.TEXT_HTML_TYPE)),
                String.class);
        Matcher password = Pattern.compile("用户名 hedong.imp1</small>\\s*<span class=\"pin password\">([a-z0-9]{10})")
                .matcher(slips);
        assertTrue(password.find(), slips);
        assertEquals("13800000001", sql().single("SELECT phone FROM person WHERE username = 'hedong.imp1'"));
        assertEquals(2, sql().count("SELECT count(*) FROM person_change WHERE username LIKE 'hedong.imp%' "
                + "AND action = 'ADD' AND changed_by = 'hedong.admin'"), "each addition audited");
        assertEquals(2, sql().count("SELECT count(*) FROM person_password_reset WHERE username LIKE 'hedong.imp%'"),
                "each must change the temporary password at the first sign-in");
        Map<?, ?> login = client.toBlocking().retrieve(HttpRequest.POST("/api/login",
                Map.of("username", "hedong.imp1", "password", password.group(1))), Map.class);
        assertNotNull(login.get("access_token"), "the printed temporary password signs in");
    }

    @Test
    void aCountyOfficeImportsAnXlsxOnTheApi() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "test", "1.0");
        Worksheet sheet = workbook.newWorksheet("人员");
        List<List<String>> rows = List.of(List.of("username", "name", "role", "scope", "phone"),
                List.of("imp.township", "赵乡镇", "乡镇干部", code("胡麻营镇"), "0314-1234567"),
                List.of("imp.village", "钱村管", "VILLAGE_ADMIN", code("河东村"), ""));
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).size(); c++) {
                sheet.value(r, c, rows.get(r).get(c));
            }
        }
        workbook.finish();
        HttpResponse<Map> imported = exchange(as("wenmingban", multipart(HttpRequest.POST("/api/people/import",
                file("people.xlsx", out.toByteArray())))), Map.class);
        assertEquals(201, imported.code());
        assertEquals(2, imported.body().get("imported"));
        assertEquals("TOWNSHIP_OFFICER", sql().single("SELECT role FROM person WHERE username = 'imp.township'"));
    }

    @Test
    void aFileWithRefusedRowsNamesEachRowAndReasonAndChangesNothing() {
        String csv = "用户名,姓名,角色,管辖区划代码,电话\n"
                + "hedong.ok1,好人,网格员," + grid("河东村", 0) + ",\n"                  // 2: fine alone
                + "hedong.admin,重名,网格员," + grid("河东村", 0) + ",\n"               // 3: taken
                + "hedong.vadm,越权,道德银行管理员," + code("河东村") + ",\n"             // 4: role not managed
                + "hedong.far,别村,网格员," + grid("乐国窝铺村", 0) + ",\n"                   // 5: another village
                + "hedong.lvl,层级,网格员," + code("河东村") + ",\n"                      // 6: a grid worker's scope is a grid
                + "hedong.tel,电话,网格员," + grid("河东村", 0) + ",电话号码\n"            // 7: bad phone
                + "hedong.ok1,重复,网格员," + grid("河东村", 0) + ",\n"                   // 8: twice in the file
                + "hedong.nowhere,无处,网格员,999999999999999,\n"                         // 9: no such region
                + "Bad Name,大写,网格员," + grid("河东村", 0) + ",\n";                    // 10: username form
        byte[] content = csv.getBytes(StandardCharsets.UTF_8);
        long people = people();
        long audit = audit();
        Map<?, ?> report = client.toBlocking().retrieve(as("hedong.admin", multipart(HttpRequest.POST(
                "/api/people/import/preview", file("people.csv", content)))), Map.class);
        assertEquals(false, report.get("importable"));
        List<?> problems = (List<?>) report.get("problems");
        assertEquals(List.of(3, 4, 5, 6, 7, 8, 9, 10), problems.stream().map(p -> ((Map<?, ?>) p).get("line")).toList(),
                report.toString());
        assertEquals("用户名 hedong.admin 已被使用。", ((Map<?, ?>) problems.get(0)).get("message"));

        String english = client.toBlocking().retrieve(as("hedong.admin", multipart(HttpRequest.POST(
                "/people/import/preview", file("people.csv", content))).accept(MediaType.TEXT_HTML_TYPE)
                .header("Accept-Language", "en")), String.class);
        assertTrue(english.contains("8 problems found; nobody was imported"), english);
        assertTrue(english.contains("appears more than once"), english);

        var refused = refusal(as("hedong.admin", multipart(HttpRequest.POST("/api/people/import",
                file("people.csv", content)))));
        assertEquals(422, refused.status());
        assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
        assertEquals(422, refusal(as("hedong.admin", HttpRequest.POST("/people/import", "fileName=people.csv&content="
                + URLEncoder.encode(Base64.getEncoder().encodeToString(content), StandardCharsets.UTF_8))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE).accept(MediaType.TEXT_HTML_TYPE))).status());
        assertEquals(people, people(), "nobody added, not even the good row");
        assertEquals(audit, audit());

        byte[] noHeader = "a,b,c\nhedong.x1,某,网格员\n".getBytes(StandardCharsets.UTF_8);
        Map<?, ?> bad = client.toBlocking().retrieve(as("hedong.admin", multipart(HttpRequest.POST(
                "/api/people/import/preview", file("people.csv", noHeader)))), Map.class);
        assertEquals("people.import.header", ((Map<?, ?>) ((List<?>) bad.get("problems")).get(0)).get("code"));
        assertEquals(403, refusal(as("humaying", multipart(HttpRequest.POST("/api/people/import/preview",
                file("people.csv", content))))).status(), "a township officer manages nobody");
        assertEquals(people, people());
    }
}
