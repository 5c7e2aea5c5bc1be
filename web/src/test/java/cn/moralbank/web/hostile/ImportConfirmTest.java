package cn.moralbank.web.hostile;

import cn.moralbank.web.testing.AppTest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An import's confirmation sends back the file its preview showed, as base64 in a form field the sender may change:
 * text that is not base64 is refused in the caller's language on every import page, and nothing is imported (three
 * pages answered 500 with a stack trace).
 */
@MicronautTest(transactional = false)
class ImportConfirmTest extends AppTest {
    private static final String[] NOT_BASE64 = {"A", "AB=C", "====", "QUJD=x"};

    @Test
    void aConfirmationWhoseFileIsNotBase64IsRefusedOnEveryImportPage() {
        long households = sql().count("SELECT count(*) FROM household");
        long people = sql().count("SELECT count(*) FROM person");
        long regions = sql().count("SELECT count(*) FROM region");
        String[][] pages = {{"hedong.admin", "/households/import"}, {"hedong.admin", "/people/import"},
                {"wenmingban", "/people/import"}, {"wenmingban", "/regions/import"}};
        for (String[] page : pages) {
            for (String content : NOT_BASE64) {
                HttpResponse<String> answer = formPost(page[0], page[1],
                        "content=" + URLEncoder.encode(content, StandardCharsets.UTF_8) + "&fileName=a.csv");
                assertEquals(422, answer.code(), page[1] + " " + content + ": " + answer.body());
                assertTrue(answer.body().contains("确认时送回的文件内容无法读取"), page[1] + ": " + answer.body());
            }
        }
        assertEquals(households, sql().count("SELECT count(*) FROM household"));
        assertEquals(people, sql().count("SELECT count(*) FROM person"));
        assertEquals(regions, sql().count("SELECT count(*) FROM region"));
    }
}
