package cn.moralbank.web.hostile;

import cn.moralbank.kiosk.api.KioskRefusal;
import cn.moralbank.kiosk.stock.Yuan;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import static cn.moralbank.web.hostile.StrictEdgeTest.assertNoClassNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The attacker's second pass (session 8): each class found closed at its mechanism, one test each; every refusal a
 * 4xx in the caller's language without class names, changing nothing.
 */
@MicronautTest(transactional = false)
class SecondPassTest extends HostileTest {

    private long villageId(String name) {
        return sql().count("SELECT id FROM region WHERE level = 'VILLAGE' AND name = ?", name);
    }

    private String rule(String extra) {
        return "{\"code\":\"SP" + Math.abs(extra.hashCode() % 1000) + "\",\"name\":\"第二轮\",\"category\":\"SOCIAL\","
                + "\"points\":5,\"evidence\":\"NONE\"" + extra + "}";
    }

    @Test
    void aChoiceOrADateInJsonIsTextNeverAListOrANumber() {
        String rules = "/api/villages/" + villageId("河东村") + "/rules";
        long before = sql().count("SELECT count(*) FROM rule_item");
        for (String body : new String[]{rule("").replace("\"category\":\"SOCIAL\"", "\"category\":[\"SOCIAL\"]"),
                rule(",\"validFrom\":20800"), rule(",\"validFrom\":[\"2026-12-20\"]"),
                rule(",\"validFrom\":{\"y\":2026}")}) {
            Refusal refusal = refused(400, as(ADMIN, HttpRequest.POST(rules, body)
                    .contentType(MediaType.APPLICATION_JSON_TYPE)));
            assertTrue(refusal.body().contains("category") || refusal.body().contains("validFrom"), refusal.body());
            assertNoClassNames(refusal.body());
        }
        assertEquals(before, sql().count("SELECT count(*) FROM rule_item"), "no rule made");
    }

    @Test
    void aDateInAQueryValueOutsideTheWindowIs400NotA500() {
        long county = sql().count("SELECT id FROM region WHERE level = 'COUNTY'");
        for (String date : new String[]{"%2B999999999-12-31", "-999999999-01-01", "0001-01-01", "%2B99999-01-01"}) {
            Refusal refusal = refused(400, as("hedong.villager",
                    HttpRequest.GET("/api/counties/" + county + "/rules?on=" + date)));
            assertNoClassNames(refusal.body());
        }
        long shop = sql().count("SELECT supermarket_id FROM person WHERE username = 'hedong.shop'");
        refused(400, as("hedong.shop", HttpRequest.GET("/api/supermarkets/" + shop + "/sales?date=%2B999999999-12-31")));
    }

    @Test
    void aRankingPageFarPastTheLastHouseholdIsEmptyNotA500() {
        String page = client.toBlocking().retrieve(as("wenmingban",
                HttpRequest.GET("/api/rankings/households?limit=500&offset=2147483647")));
        assertEquals("[]", page.strip());
    }

    @Test
    void aSupermarketsNameIsOneLineOfPlainTextAsEveryName() {
        String code = (String) sql().single("SELECT code FROM region WHERE level = 'VILLAGE' AND name = '河东村'");
        long before = sql().count("SELECT count(*) FROM supermarket");
        // a tab or a line break reaches the name rule (422); a bidi or invisible character is stopped at the edge (400)
        for (String name : new String[]{"河东村\\t第二爱心超市", "河东村\\n爱心超市", "河东\\u202E超市"}) {
            Refusal refusal = refusal(as(ADMIN, HttpRequest.POST("/api/supermarkets",
                    "{\"name\":\"" + name + "\",\"regionCode\":\"" + code + "\",\"address\":\"村东头\"}")
                    .contentType(MediaType.APPLICATION_JSON_TYPE)));
            assertTrue(refusal.status() == 422 || refusal.status() == 400, name + ": " + refusal.body());
            assertTrue(refusal.body().contains("名称") || refusal.body().contains("name"), refusal.body());
            assertNoClassNames(refusal.body());
        }
        assertEquals(before, sql().count("SELECT count(*) FROM supermarket"));
    }

    @Test
    void aBodyThatDoesNotMatchItsContentEncodingIs400NotA500() throws Exception {
        for (String encoding : new String[]{"gzip", "deflate", "snappy"}) {
            var answer = HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            URI.create(server.getURL() + "/api/login"))
                    .header("Content-Type", "application/json").header("Content-Encoding", encoding)
                    .header("Accept", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("not compressed at all, just text"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, answer.statusCode(), encoding + ": " + answer.body());
            assertNoClassNames(answer.body());
        }
    }

    @Test
    void aStatusWithoutWordsOfItsOwnIsToldInWordsNotAsAKey() {
        String id = freshHousehold("严守六");
        Refusal refusal = refused(406, as(ADMIN, HttpRequest.GET("/api/households/" + id)
                .accept(MediaType.APPLICATION_XML_TYPE)));
        assertFalse(refusal.body().contains("error.status"), refusal.body());
        assertFalse(refusal.body().contains("error.detail"), refusal.body());
    }

    @Test
    void aCsvOfOneEndlessRecordOrHundredsOfColumnsIsRefusedBeforeItIsParsed() throws Exception {
        long start = System.nanoTime();
        var endless = importPreview("h.csv", "户主姓名,地址\n张三," + "我".repeat(100_000) + "\n");
        assertTrue(endless.body().contains("upload.row-too-long") && endless.body().contains("\"importable\":false"),
                endless.body());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 5_000, "answered within seconds");
        var wide = importPreview("h.csv", "户主姓名," + "a,".repeat(100) + "\n张三,1\n");
        assertTrue(wide.body().contains("upload.too-many-columns"), wide.body());
        // short lines, one record: a line break inside a quoted cell continues the record (RFC 4180)
        // the attacker's file of short lines that the parser read as one record of millions of columns
        long quotedStart = System.nanoTime();
        var quoted = importPreview("h.csv", "户主姓名\n\"\n" + ",\"\n\"".repeat(500_000) + "\n");
        assertTrue(quoted.body().contains("\"importable\":false"), quoted.body());
        assertTrue((System.nanoTime() - quotedStart) / 1_000_000 < 5_000, "answered within seconds");
        var columnsOverLines = importPreview("h.csv", "户主姓名\na,\"x\ny\"," + "b,".repeat(100) + "\n");
        assertTrue(columnsOverLines.body().contains("upload.too-many-columns"), columnsOverLines.body());
        var endlessCell = importPreview("h.csv", "户主姓名\n\"" + "我\n".repeat(50_000) + "\"\n");
        assertTrue(endlessCell.body().contains("upload.row-too-long"), endlessCell.body());
    }

    @Test
    void aCellWithCharactersThatCannotBeKeptIsRefusedOnThePreviewAsOnTheImport() throws Exception {
        String grid = hedongGrid();
        for (String name : new String[]{"ab\u202Ec", "a\u0085b", "a\u001b[31mb", "ab\uFEFFc", "\u3164"}) {
            var answer = importPreview("h.csv", "户主姓名,网格编号\n" + name + "," + grid + "\n");
            assertTrue(answer.body().contains("upload.cell-unstorable") && answer.body().contains("\"importable\":false"),
                    name + ": " + answer.body());
            assertFalse(answer.body().contains(name), "not echoed: " + answer.body());
        }
    }

    @Test
    void aDonorsNameIsOneLineOfPlainTextAndAValueIsWrittenInAsciiDigits() {
        long shop = sql().count("SELECT supermarket_id FROM person WHERE username = 'hedong.shop'");
        long product = sql().count("SELECT min(id) FROM product WHERE supermarket_id = ?", shop);
        String path = "/api/supermarkets/" + shop + "/donations";
        long before = sql().count("SELECT count(*) FROM domain_event_entry");
        for (String body : new String[]{
                "{\"donationId\":\"" + UUID.randomUUID() + "\",\"donor\":\"爱心\\n\\t人士\",\"donorKind\":\"ENTERPRISE\","
                        + "\"lines\":[{\"productId\":" + product + ",\"quantity\":1}]}"}) {
            Refusal refusal = refusal(as("hedong.shop", HttpRequest.POST(path, body)
                    .contentType(MediaType.APPLICATION_JSON_TYPE)));
            assertTrue(refusal.status() == 422 || refusal.status() == 400, refusal.body());
            assertNoClassNames(refusal.body());
        }
        assertEquals(before, sql().count("SELECT count(*) FROM domain_event_entry"), "nothing booked");
        for (String yuan : new String[]{"１２", "1.5e3", "12.345", "-1"}) {
            assertThrows(KioskRefusal.class, () -> Yuan.toFen(yuan),
                    yuan);
        }
        assertEquals(100_000, Yuan.toFen("1,000"));
    }

    @Test
    void theLocksPageNamesACardByItsHouseholdWithTheNumberMasked() {
        String card = (String) sql().single("SELECT h.card_number FROM household h JOIN person p "
                + "ON p.household_id = h.id WHERE p.username = 'hedong.villager'");
        String household = (String) sql().single("SELECT household_id FROM person WHERE username = 'hedong.villager'");
        sql().update("INSERT INTO card_pin_guard (card_number, failures, locked_until, last_failure_at) "
                + "VALUES (?, 5, now() + interval '5 minutes', now()) ON CONFLICT (card_number) DO UPDATE "
                + "SET failures = 5, locked_until = now() + interval '5 minutes'", card);
        Session office = signIn("wenmingban");
        String page = client.toBlocking().retrieve(HttpRequest.GET("/ops/locks").cookies(office.cookies())
                .accept(MediaType.TEXT_HTML_TYPE));
        assertFalse(page.contains(card), "the whole number is not on the county office's page");
        assertTrue(page.contains("****" + card.substring(card.length() - 4)), page);
        var lifted = form(office, "/ops/locks/lift", office.csrf(), Map.of("subject",
                "household:" + household), null);
        assertEquals(303, lifted.code());
        assertEquals(0, sql().count("SELECT count(*) FROM card_pin_guard WHERE card_number = ? "
                + "AND locked_until > now()", card));
    }

    @Test
    void aMalformedIdIsToldWithItsKindInTheCallersLanguage() {
        refused(400, as(ADMIN, HttpRequest.GET("/api/households/%FF%FE")), "\"detail\":\"农户编号格式不对");
        refused(400, english(as(ADMIN, HttpRequest.GET("/api/households/%FF%FE"))), "household id");
    }
}
