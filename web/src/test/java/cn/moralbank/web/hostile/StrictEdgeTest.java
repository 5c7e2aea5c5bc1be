package cn.moralbank.web.hostile;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The strict edge (issue 14): JSON values are what their fields take, texts are storable, and every refusal the
 * framework makes speaks the caller's language without a Java class name; an input never answers 500.
 */
@MicronautTest(transactional = false)
class StrictEdgeTest extends HostileTest {

    private String credits(String household) {
        return "/api/households/" + household + "/credits";
    }

    private Refusal refusedJson(String path, String body, String... words) {
        Refusal refusal = refused(400, as(ADMIN, HttpRequest.POST(path, body)
                .contentType(MediaType.APPLICATION_JSON_TYPE)), words);
        assertNoClassNames(refusal.body());
        return refusal;
    }

    static void assertNoClassNames(String body) {
        for (String word : new String[]{"cn.moralbank", "io.micronaut", "com.fasterxml", "java.", "Exception",
                "Error decoding", "$", "No enum constant", "Credentials Do Not Match", "StreamReadConstraints"}) {
            assertFalse(body.contains(word), "'" + word + "' in " + body);
        }
    }

    @Test
    void aWholeNumberIsReadOnlyFromAJsonIntegerNeverCoerced() {
        String id = freshHousehold("严守一");
        for (String points : new String[]{"true", "\"12\"", "\"１２\"", "[12]", "{\"v\":12}", "null"}) {
            refusedJson(credits(id), "{\"entryId\":\"c-1\",\"points\":" + points + ",\"reason\":\"植树\"}",
                    "points：");
        }
        refusedJson(credits(id), "{\"entryId\":\"c-1\",\"points\":4.9,\"reason\":\"植树\"}", "points");
        assertEquals(1, events(id), "only the opening");
    }

    @Test
    void aDuplicateKeyAndAnUnknownFieldAreRefusedNamingTheField() {
        String id = freshHousehold("严守二");
        refusedJson(credits(id), "{\"entryId\":\"d-1\",\"points\":1,\"points\":99,\"reason\":\"植树\"}",
                "points：", "不止一次");
        Refusal unknown = refused(400, english(as(ADMIN, HttpRequest.POST(credits(id),
                "{\"entryId\":\"d-2\",\"points\":1,\"reason\":\"植树\",\"balance\":1000000}")
                .contentType(MediaType.APPLICATION_JSON_TYPE))), "balance: is not a field");
        assertNoClassNames(unknown.body());
        assertEquals(1, events(id));
    }

    @Test
    void textAfterTheJsonBodyIsRefusedNamingTheProblemAndChangesNothing() {
        String id = freshHousehold("严守尾");
        String good = "{\"entryId\":\"t-1\",\"points\":1,\"reason\":\"植树\"}";
        for (String tail : new String[]{" {\"entryId\":\"t-2\",\"points\":99,\"reason\":\"x\"}", "]", "}",
                " garbage", " 12", " \"x\"", " null", "{", "//"}) {
            refusedJson(credits(id), good + tail, "JSON", "多余");
        }
        Refusal en = refused(400, english(as(ADMIN, HttpRequest.POST(credits(id), good + " trailing")
                .contentType(MediaType.APPLICATION_JSON_TYPE))), "after its JSON value");
        assertNoClassNames(en.body());
        assertEquals(1, events(id), "only the opening");
        // white space after the body is not text
        assertEquals(201, exchange(as(ADMIN, HttpRequest.POST(credits(id), good + " \r\n\t ")
                .contentType(MediaType.APPLICATION_JSON_TYPE)), String.class).code());
    }

    @Test
    void aJsonBodyIsUtf8WithoutAByteOrderMarkOrAnotherCharsetAndOtherwiseChangesNothing() {
        String id = freshHousehold("严守码");
        String good = "{\"entryId\":\"e-1\",\"points\":1,\"reason\":\"植树\"}";
        byte[] utf8 = good.getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[utf8.length + 3];
        bom[0] = (byte) 0xef;
        bom[1] = (byte) 0xbb;
        bom[2] = (byte) 0xbf;
        System.arraycopy(utf8, 0, bom, 3, utf8.length);
        byte[] latin1 = good.replace("植树", "caf\u00e9").getBytes(StandardCharsets.ISO_8859_1);
        for (byte[] body : List.of(bom, good.getBytes(StandardCharsets.UTF_16),
                good.getBytes(StandardCharsets.UTF_16LE), latin1)) {
            Refusal refusal = refused(400, as(ADMIN, HttpRequest.POST(credits(id), body)
                    .contentType(MediaType.APPLICATION_JSON_TYPE)), "UTF-8");
            assertNoClassNames(refusal.body());
        }
        for (String charset : new String[]{"ISO-8859-1", "utf-16", "gbk", "no-such-charset"}) {
            refused(400, english(as(ADMIN, HttpRequest.POST(credits(id), utf8)
                    .contentType(MediaType.of("application/json;charset=" + charset)))), "must be JSON in UTF-8");
        }
        assertEquals(1, events(id), "only the opening");
        assertEquals(201, exchange(as(ADMIN, HttpRequest.POST(credits(id), utf8)
                .contentType(MediaType.of("application/json; charset=UTF-8"))), String.class).code());
    }

    @Test
    void aBodyInAContentCodingTheServerDoesNotDecodeIsRefusedAndChangesNothing() {
        String id = freshHousehold("严守压");
        String good = "{\"entryId\":\"z-1\",\"points\":1,\"reason\":\"植树\"}";
        // a list, or the same coding twice, is not decoded by Micronaut: its body would be read compressed
        for (String coding : new String[]{"br", "zstd", "compress", "no-such-coding", "gzip, br", "gzip, gzip",
                "identity, gzip"}) {
            Refusal refusal = refused(415, as(ADMIN, HttpRequest.POST(credits(id), good)
                    .contentType(MediaType.APPLICATION_JSON_TYPE).header("Content-Encoding", coding)),
                    "Content-Encoding", "gzip");
            assertNoClassNames(refusal.body());
        }
        refused(415, english(as(ADMIN, HttpRequest.POST(credits(id), good).contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("Content-Encoding", "br"))), "content coding that is not understood");
        assertEquals(1, events(id), "only the opening");
        assertEquals(201, exchange(as(ADMIN, HttpRequest.POST(credits(id), good)
                .contentType(MediaType.APPLICATION_JSON_TYPE).header("Content-Encoding", "identity")),
                String.class).code());
        // a body Micronaut decoded (its header then removed) passes
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(zipped)) {
            gzip.write(good.replace("z-1", "z-2").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(201, exchange(as(ADMIN, HttpRequest.POST(credits(id), zipped.toByteArray())
                .contentType(MediaType.APPLICATION_JSON_TYPE).header("Content-Encoding", "gzip")),
                String.class).code());
        assertEquals(3, events(id), "the opening and the two credits");
    }

    @Test
    void anUploadedFilesNameIsTextLikeAnyFieldAndOnlyItsLastPartIsKept() throws Exception {
        // (a control character never gets this far: Netty's multipart decoder turns it into a space)
        for (String name : new String[]{"户\u202Evsc.exe", "\u200Bhouseholds.csv", "住户\u2066.csv",
                "x".repeat(300) + ".csv"}) {
            var answer = importPreview(name, "户主姓名,网格编号\n");
            assertEquals(422, answer.statusCode(), name + ": " + answer.body());
            assertTrue(answer.body().contains("文件名"), answer.body());
            assertNoClassNames(answer.body());
        }
        var answer = importPreview("../../etc/住户.csv", "户主姓名,网格编号\n");
        assertEquals(200, answer.statusCode(), answer.body());
        assertFalse(answer.body().contains("../"), "only the name, not the path: " + answer.body());
    }

    @Test
    void aTextWhereANumberIsExpectedAndANumberWhereATextIsExpectedAreRefused() {
        String id = freshHousehold("严守三");
        refusedJson(credits(id), "{\"entryId\":12,\"points\":1,\"reason\":\"植树\"}", "entryId：", "文字");
        refusedJson(credits(id), "{\"entryId\":\"t-1\",\"points\":1,\"reason\":\"植树\",\"source\":\"adj\\u0000ust\"}",
                "source：", "无法保存");
        assertEquals(1, events(id));
    }

    @Test
    void aNulInAReasonOfARuleSwitchIsA400NotA500() {
        Refusal refusal = refused(400, as(ADMIN, HttpRequest.PUT("/api/villages/1/rules/1/switched-off",
                "{\"reason\":\"a\\u0000b\"}").contentType(MediaType.APPLICATION_JSON_TYPE)), "reason：");
        assertNoClassNames(refusal.body());
    }

    @Test
    void aNulInAQueryParameterIsA400NamingIt() {
        Refusal refusal = refused(400, as(ADMIN, HttpRequest.GET("/vouchers/sheet?batch=%00")), "batch");
        assertNoClassNames(refusal.body());
        refused(400, as(ADMIN, HttpRequest.GET("/api/households?q=%E2%80%AE")), "q");
    }

    @Test
    void theLanguageSwitchSendsBackOnlyToALocalPath() {
        for (String back : new String[]{"/%5Cevil.example", "/%09/evil.example", "/%0d%0aSet-Cookie:x=1",
                "//evil.example", "https://evil.example"}) {
            HttpResponse<String> answer = noRedirects().toBlocking().exchange(
                    HttpRequest.GET("/lang/en?back=" + back), String.class);
            assertEquals(303, answer.code(), back);
            assertEquals("/", answer.header("Location"), back);
        }
        HttpResponse<String> local = noRedirects().toBlocking().exchange(
                HttpRequest.GET("/lang/en?back=/households%3Fpage%3D2"), String.class);
        assertEquals("/households?page=2", local.header("Location"));
    }

    @Test
    void anOverLongAddressIs414AndOverLargeHeadersAre431WithTheSecurityHeaders() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        var longUrl = http.send(java.net.http.HttpRequest.newBuilder(
                        URI.create(server.getURL() + "/households/" + "a".repeat(9000))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(414, longUrl.statusCode(), longUrl.body());
        assertNotNull(longUrl.headers().firstValue("Content-Security-Policy").orElse(null));
        assertFalse(longUrl.body().contains("文件太大"), longUrl.body());
        // the headers were not read, nor the language: title and detail in both, never the framework's English
        assertTrue(longUrl.body().contains("网址太长") && longUrl.body().contains("Address too long"), longUrl.body());
        assertFalse(longUrl.body().contains("Request Entity Too Large"), longUrl.body());
        var bigHeader = http.send(java.net.http.HttpRequest.newBuilder(URI.create(server.getURL() + "/login"))
                        .header("X-Big", "a".repeat(12_000)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(431, bigHeader.statusCode(), bigHeader.body());
        assertNotNull(bigHeader.headers().firstValue("X-Content-Type-Options").orElse(null));
    }

    /** The attacker's find: a control character in any header was a bare 400 in framework English, no headers. */
    @Test
    void aRequestWhoseHeadersCannotBeReadIs400InBothLanguagesWithTheSecurityHeadersAndNoStore() throws Exception {
        for (String header : List.of("User-Agent: a\u0001b", "Accept-Language: en\u0001", "Bad Name: x",
                "Referer: http://x/\u007f")) {
            String answer;
            try (var socket = new Socket("127.0.0.1", server.getPort())) {
                socket.getOutputStream().write(("GET /api/villages/3/rules HTTP/1.1\r\nHost: localhost\r\n" + header
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            }
            assertTrue(answer.startsWith("HTTP/1.1 400"), header + ": " + answer);
            String lower = answer.toLowerCase(Locale.ROOT);
            assertTrue(lower.contains("content-security-policy:") && lower.contains("x-content-type-options:"),
                    header + ": " + answer);
            assertTrue(lower.contains("cache-control: no-store"), header + ": " + answer);
            assertTrue(answer.contains("请求格式不对") && answer.contains(" / "), header + ": " + answer);
            assertFalse(answer.contains("\"Bad Request\""), header + ": " + answer);
        }
    }

    /** An address that cannot be decoded was answered in Chinese only, whatever language the caller asked for. */
    @Test
    void anUndecodableAddressIs400InBothLanguages() throws Exception {
        for (String path : List.of("/api/households/%zz", "/households/%zz", "/api/villages/3/rules?x=%")) {
            String answer;
            try (var socket = new Socket("127.0.0.1", server.getPort())) {
                socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                        + "Accept-Language: en\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            }
            assertTrue(answer.startsWith("HTTP/1.1 400"), path + ": " + answer);
            assertTrue(answer.contains("请求格式不对") && answer.contains(" / "), path + ": " + answer);
            assertTrue(answer.toLowerCase(Locale.ROOT).contains("cache-control: no-store"), path + ": " + answer);
        }
    }

    /** The attacker's find: path ids in full-width, Arabic-Indic or Devanagari digits read as numbers. */
    @Test
    void pathIdsAndQueryNumbersAreReadInAsciiDigitsOnly() {
        long shop = sql().count("SELECT min(id) FROM supermarket");
        assertEquals(200, client.toBlocking().exchange(as(ADMIN, HttpRequest.GET("/api/supermarkets/" + shop
                + "/stock")), String.class).code());
        for (String digits : List.of("%EF%BC%91", "%D9%A1", "%E0%A5%A7", "+1", "1%20")) {
            Refusal refusal = refusal(as(ADMIN, HttpRequest.GET("/api/supermarkets/" + digits + "/stock")));
            // not a number: 400, or no route matches it at all (404); never supermarket 1's stock
            assertTrue(refusal.status() == 400 || refusal.status() == 404 && digits.startsWith("+")
                    || refusal.status() == 404 && digits.endsWith("%20"), digits + ": " + refusal.body());
            assertNoClassNames(refusal.body());
        }
        Refusal query = refusal(as(ADMIN, HttpRequest.GET("/households?page=%EF%BC%91")
                .accept(MediaType.TEXT_HTML_TYPE)));
        assertEquals(400, query.status(), query.body());
        // a form's empty choice is no value, not a wrong one (the pages' GET forms send ?region= and ?page=)
        for (String empty : List.of("/households?page=", "/households?q=&page=", "/rankings?region=&period=",
                "/dashboard?region=")) {
            assertEquals(200, client.toBlocking().exchange(as("wenmingban", HttpRequest.GET(empty)
                    .accept(MediaType.TEXT_HTML_TYPE)), String.class).code(), empty);
        }
    }

    /** The rankings attacker's aside: a list holding a null reached the service (500); every body's lists refuse it. */
    @Test
    void aNullInAListIsRefusedAsTheRequestsFault() {
        Refusal zh = refusal(as(ADMIN, HttpRequest.POST("/api/villages/3/review-sessions",
                "{\"title\":\"评议会\",\"deedIds\":[null]}").contentType(MediaType.APPLICATION_JSON_TYPE)));
        assertEquals(400, zh.status(), zh.body());
        assertTrue(zh.body().contains("deedIds：不能含有空值（null）"), zh.body());
        Refusal en = refusal(english(as(ADMIN, HttpRequest.POST("/api/villages/3/review-sessions",
                "{\"title\":\"x\",\"deedIds\":[\"a\", null]}").contentType(MediaType.APPLICATION_JSON_TYPE))));
        assertEquals(400, en.status(), en.body());
        assertTrue(en.body().contains("may not hold a null item"), en.body());
    }

    /** A query value that is not of its parameter's kind is refused naming the parameter, in the caller's language. */
    @Test
    void aMalformedQueryValueIsRefusedNamingItsParameter() {
        Refusal zh = refusal(as(ADMIN, HttpRequest.GET("/api/rankings/history?kind=DECADE")));
        assertEquals(400, zh.status(), zh.body());
        // a value of a few named ones: those named, as the request spells them
        assertTrue(zh.body().contains("kind：应为其中之一：WEEK, MONTH, QUARTER, YEAR, ALL"), zh.body());
        assertNoClassNames(zh.body());
        Refusal body = refusal(english(as("wenmingban", HttpRequest.POST("/api/ratings/rounds",
                Map.of("kind", "DECADE", "period", "2026-Q4")))));
        assertEquals(400, body.status(), body.body());
        assertTrue(body.body().contains("kind: must be one of GRID_WORKERS, HOUSEHOLDS"), body.body());
        assertNoClassNames(body.body());
        Refusal en = refusal(english(as(ADMIN, HttpRequest.GET("/api/households/x/passbook?page=two"))));
        assertEquals(400, en.status(), en.body());
        assertTrue(en.body().contains("page: is malformed"), en.body());
        assertNoClassNames(en.body());
        // a required one left out, and one whose name in the address differs from the code's (?short=)
        Refusal missing = refusal(as(ADMIN, HttpRequest.GET("/vouchers/sheet")
                .accept(MediaType.TEXT_HTML_TYPE)));
        assertEquals(400, missing.status(), missing.body());
        assertTrue(missing.body().contains("batch：不能为空"), missing.body());
        Refusal renamed = refusal(english(as(ADMIN, HttpRequest.GET("/vouchers/sheet?batch=x&short=many")
                .accept(MediaType.TEXT_HTML_TYPE))));
        assertEquals(400, renamed.status(), renamed.body());
        assertTrue(renamed.body().contains("short: is malformed"), renamed.body());
        // a value that reads like a body's error names the parameter, never a word of the attacker's choosing
        for (String value : List.of("Unknown%20property%20%5BattackerField%5D", "Duplicate%20field%20%27evilField%27")) {
            Refusal echoed = refusal(as(ADMIN, HttpRequest.GET("/api/rankings/history?kind=" + value)));
            assertEquals(400, echoed.status(), echoed.body());
            assertTrue(echoed.body().contains("kind：应为其中之一"), echoed.body());
            assertFalse(echoed.body().contains("attackerField") || echoed.body().contains("evilField"), echoed.body());
        }
    }

    /** The attacker's second pass: HTTP Basic was a second way to sign in, on every route. */
    @Test
    void httpBasicCredentialsSignNobodyIn() {
        Refusal refusal = refusal(HttpRequest.GET("/api/households").basicAuth(ADMIN, PASSWORD));
        assertEquals(401, refusal.status(), refusal.body());
    }

    @Test
    void aWrongPasswordIsToldInTheCallersLanguage() {
        Refusal zh = refusal(HttpRequest.POST("/api/login", Map.of("username", ADMIN, "password", "wrong-pass")));
        assertEquals(401, zh.status());
        assertTrue(zh.body().contains("用户名或密码不对"), zh.body());
        assertNoClassNames(zh.body());
        Refusal en = refusal(english(HttpRequest.POST("/api/login", Map.of("username", ADMIN,
                "password", "wrong-pass"))));
        assertTrue(en.body().contains("Wrong username or password"), en.body());
    }

    @Test
    void theSignInFormStillSignsInWithAFormBody() {
        Session session = signIn(ADMIN);
        assertFalse(session.jwt().isEmpty());
    }
}
