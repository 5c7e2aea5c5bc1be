package cn.moralbank.web.hostile;

import cn.moralbank.points.testing.Eventually;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Bad bodies, ids, paging and odd text at the JSON API: each a 4xx problem+json in the caller's language. */
@MicronautTest(transactional = false)
class ApiHostileInputTest extends HostileTest {

    private String credits(String household) {
        return "/api/households/" + household + "/credits";
    }

    @Test
    void malformedJsonIsA400InTheCallersLanguage() {
        String id = freshHousehold("马建国");
        var zh = refused(400, as(ADMIN, HttpRequest.POST(credits(id), "{\"entryId\": \"a-1\", \"points\": 5,")
                .contentType(MediaType.APPLICATION_JSON_TYPE)), "请求格式不对");
        var en = refused(400, english(as(ADMIN, HttpRequest.POST(credits(id), "{\"entryId\": ")
                .contentType(MediaType.APPLICATION_JSON_TYPE))), "\"title\"");
        assertFalse(en.body().contains("请求格式不对"), en.body());
        // the detail names what is wrong: the body as a whole ("is malformed" alone named nothing)
        assertTrue(zh.body().contains("请求内容不是有效的 JSON"), zh.body());
        assertTrue(en.body().contains("The request body is not valid JSON"), en.body());
        for (String broken : new String[]{"{", "[", "\"x", "nul"}) {
            refused(400, english(as(ADMIN, HttpRequest.POST(credits(id), broken)
                    .contentType(MediaType.APPLICATION_JSON_TYPE))), "The request body is not valid JSON");
        }
        assertEquals(1, events(id), "only the opening");
    }

    @Test
    void invalidUtf8BytesInAJsonBodyAreA400() {
        String id = freshHousehold("马建民");
        byte[] body = "{\"entryId\":\"u-1\",\"points\":5,\"reason\":\"\u4e2d_\"}".getBytes(StandardCharsets.UTF_8);
        body[body.length - 3] = (byte) 0xC3; // a lead byte followed by a quote: not UTF-8
        refused(400, as(ADMIN, HttpRequest.POST(credits(id), body).contentType(MediaType.APPLICATION_JSON_TYPE)));
        assertEquals(1, events(id));
    }

    @Test
    void aBodyOfTheWrongContentTypeIsA415() {
        String id = freshHousehold("马建党");
        refused(415, as(ADMIN, HttpRequest.POST(credits(id), "entryId=w-1&points=5&reason=x")
                .contentType(MediaType.TEXT_PLAIN_TYPE)), "不支持的内容类型");
        assertEquals(1, events(id));
    }

    @Test
    void aHugeJsonBodyIsRefusedWithoutReadingItAll() {
        String id = freshHousehold("马建业");
        char[] reason = new char[13 * 1024 * 1024];
        Arrays.fill(reason, 'x');
        String body = "{\"entryId\":\"h-1\",\"points\":5,\"reason\":\"" + new String(reason) + "\"}";
        var refusal = refused(413, as(ADMIN, HttpRequest.POST(credits(id), body)
                .contentType(MediaType.APPLICATION_JSON_TYPE)));
        assertTrue(refusal.body().contains("太大"), refusal.body());
        assertEquals(1, events(id));
    }

    @Test
    void aTenThousandCharacterReasonIsRefused() {
        String id = freshHousehold("马建设");
        refused(400, as(ADMIN, HttpRequest.POST(credits(id), Map.of("entryId", "long-1", "points", 5,
                "reason", "好".repeat(10_000)))), "reason");
        assertEquals(1, events(id));
    }

    @Test
    void aNulByteInAReasonIsRefusedAndThePassbookKeepsFollowing() {
        String id = freshHousehold("马建华");
        // refused where the JSON is read (StrictJson), before any service: 400 naming the field
        refused(400, as(ADMIN, HttpRequest.POST(credits(id), Map.of("entryId", "nul-1", "points", 5,
                "reason", "义务\u0000植树"))), "reason：", "无法保存的字符");
        refused(400, english(as(ADMIN, HttpRequest.POST(credits(id), Map.of("entryId", "nul-2", "points", 5,
                "reason", "x\u0000")))), "cannot be kept");
        assertEquals(1, events(id));
        // the passbook projection is not stuck on a poisoned event: a good credit after it is projected
        exchange(as(ADMIN, HttpRequest.POST(credits(id), Map.of("entryId", "ok-1", "points", 5, "reason", "植树"))),
                Map.class);
        awaitBalance(id, 65);
    }

    @Test
    void aLoneSurrogateInAReasonIsRefused() {
        String id = freshHousehold("马建英");
        String body = "{\"entryId\":\"sur-1\",\"points\":5,\"reason\":\"\\ud800 植树\"}";
        refused(400, as(ADMIN, HttpRequest.POST(credits(id), body).contentType(MediaType.APPLICATION_JSON_TYPE)),
                "reason：", "无法保存的字符");
        assertEquals(1, events(id));
    }

    @Test
    void emojiAndChineseInAReasonAreBookedAsWritten() {
        String id = freshHousehold("马建红");
        String reason = "帮五保户挑水 \uD83D\uDCA7\uD83D\uDC4D";
        assertEquals(201, exchange(as(ADMIN, HttpRequest.POST(credits(id), Map.of("entryId", "emoji-1", "points",
                5, "reason", reason))), Map.class).code());
        Eventually.until("passbook", () -> reason.equals(sql().single(
                "SELECT reason FROM passbook_entry WHERE household_id = ? AND entry_id = 'emoji-1'", id)));
    }

    @Test
    void aNegativeOrHugePageOrPageSizeIsA400AndAPageBeyondTheEndIsEmpty() {
        for (String query : new String[]{"page=-1", "size=-5", "size=0", "size=100000", "page=99999999999",
                "size=abc"}) {
            var refusal = refusal(as(ADMIN, HttpRequest.GET("/api/households?" + query)));
            assertEquals(400, refusal.status(), query + ": " + refusal.body());
            assertTrue(refusal.contentType().startsWith("application/problem+json"), query);
        }
        Map<?, ?> beyond = get(ADMIN, "/api/households?page=2147483647&size=500", Map.class);
        assertEquals(List.of(), beyond.get("content"), "no overflow into a negative offset");
        String id = householdOf("河东村");
        assertEquals(400, refusal(as(ADMIN, HttpRequest.GET("/api/households/" + id + "/passbook?size=-1")))
                .status());
        assertEquals(400, refusal(as(ADMIN, HttpRequest.GET("/api/households/" + id + "/passbook?page=-3")))
                .status());
    }

    @Test
    void pathTraversalAndSqlInIdsAre400Or404AndTouchNothing() {
        for (String bad : new String[]{"..%2F..%2Fetc%2Fpasswd", "%27%3B%20DROP%20TABLE%20household%3B--",
                "1%20OR%201%3D1", "%00"}) {
            var refusal = unchanged(() -> refusal(as(ADMIN, HttpRequest.GET("/api/households/" + bad))));
            assertTrue(refusal.status() == 400 || refusal.status() == 404, bad + ": " + refusal.status() + " "
                    + refusal.body());
            assertTrue(refusal.contentType().startsWith("application/problem+json"), bad);
            var credit = unchanged(() -> refusal(as(ADMIN, HttpRequest.POST("/api/households/" + bad + "/credits",
                    Map.of("entryId", "x-1", "points", 5, "reason", "x")))));
            assertTrue(credit.status() == 400 || credit.status() == 404, bad + ": " + credit.body());
        }
        assertTrue(sql().count("SELECT count(*) FROM household") > 200, "the table is still there");
    }

    @Test
    void aMalformedIdSpeaksEnglishWhenAskedTo() {
        var refusal = refused(400, english(as(ADMIN, HttpRequest.GET("/api/households/%27%20OR%201=1--"))));
        assertFalse(refusal.body().matches("(?s).*[\u4e00-\u9fff].*"), "no Chinese in " + refusal.body());
    }
}
