package cn.moralbank.web.hostile;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Hostile names, addresses, phones, PINs and searches of households, through the API and the pages' forms. */
@MicronautTest(transactional = false)
class HouseholdHostileInputTest extends HostileTest {
    private static final String SCRIPT = "<img src=x onerror=alert(1)>";

    private MutableHttpRequest<?> register(Map<String, Object> form) {
        return as(ADMIN, HttpRequest.POST("/api/households", form));
    }

    @Test
    void aNulByteABidiOverrideOrAZeroWidthCharacterInANameIsRefused() {
        // what can never be kept is refused where the JSON is read (StrictJson): 400 naming the field
        for (String name : List.of("张\u0000三", "\u202E三张", "张\u0007三")) {
            refused(400, as(ADMIN, HttpRequest.POST("/api/households", Map.of("headName", name,
                    "gridCode", hedongGrid()))), "headName：", "无法保存");
        }
        // invisible characters (zero-width, BOM, fillers, separators) are refused where the JSON is read too: 400
        // naming the field (PlainText, one rule for every text)
        for (String name : List.of("张\u200B三", "张\uFEFF三", "\u3164\u3164", "张\u2028三")) {
            refused(400, as(ADMIN, HttpRequest.POST("/api/households", Map.of("headName", name,
                    "gridCode", hedongGrid()))), "headName：", "不可见字符");
        }
        refused(400, english(as(ADMIN, HttpRequest.POST("/api/households", Map.of("headName", "Li\u202Eoh",
                "gridCode", hedongGrid())))), "cannot be kept");
        refused(400, as(ADMIN, HttpRequest.POST("/api/households", Map.of("headName", "张三",
                "address", "河东村\u0000一组", "gridCode", hedongGrid()))), "address：");
    }

    @Test
    void aNulByteInTheRegistrationFormShowsAnErrorPageAndRegistersNothing() {
        Session admin = signIn(ADMIN);
        HttpResponse<String> answer = unchanged(() -> form(admin, "/households", admin.csrf(),
                Map.of("headName", "王\u0000五", "gridCode", hedongGrid()), null));
        assertEquals(422, answer.code(), bodyOf(answer));
        assertTrue(bodyOf(answer).contains("看不见的字符"), bodyOf(answer));
        assertTrue(bodyOf(answer).contains("<html"), "a page, not JSON");
    }

    @Test
    void aTenThousandCharacterNameOrAddressIsRefused() {
        refused(400, register(Map.of("headName", "王".repeat(10_000), "gridCode", hedongGrid())), "headName");
        refused(400, register(Map.of("headName", "王五", "address", "路".repeat(10_000), "gridCode", hedongGrid())),
                "address");
    }

    @Test
    void emojiInANameIsKeptAsWritten() {
        String name = "王秀英\uD83C\uDF3E";
        Map<?, ?> created = exchange(register(Map.of("headName", name, "gridCode", hedongGrid())), Map.class).body();
        assertEquals(name, sql().single("SELECT head_name FROM household WHERE id = ?", created.get("id")));
    }

    @Test
    void htmlInANameAndAnAddressIsStoredAsTextAndShownEscapedOnEveryPage() {
        Map<?, ?> created = exchange(register(Map.of("headName", SCRIPT, "address", "<b>河东</b>\"'<script>x()</script>",
                "gridCode", hedongGrid())), Map.class).body();
        String id = (String) created.get("id");
        assertEquals(SCRIPT, sql().single("SELECT head_name FROM household WHERE id = ?", id), "stored as typed");
        awaitBalance(id, 60);
        for (String path : List.of("/households?q=onerror", "/households/" + id, "/households/" + id + "/card",
                "/households/" + id + "/passbook")) {
            String html = page(ADMIN, path);
            escaped(html, SCRIPT, "&lt;img src=x onerror=alert(1)&gt;", path);
            assertFalse(html.contains("<script>x()"), path);
        }
    }

    @Test
    void sqlInANameIsStoredAsTextAndASearchWithSqlFindsNothing() {
        String name = "'); DROP TABLE household;--";
        long before = sql().count("SELECT count(*) FROM household");
        Map<?, ?> created = exchange(register(Map.of("headName", name, "gridCode", hedongGrid())), Map.class).body();
        assertEquals(name, sql().single("SELECT head_name FROM household WHERE id = ?", created.get("id")));
        assertEquals(before + 1, sql().count("SELECT count(*) FROM household"), "the table is there, one row more");
        for (String q : List.of("' OR '1'='1", "%' OR 1=1 --", "1; DELETE FROM household")) {
            Map<?, ?> found = unchanged(() -> get(ADMIN, "/api/households?q=" + encode(q), Map.class));
            assertEquals(0, ((Number) found.get("totalSize")).intValue(), q + " matches no household");
        }
    }

    @Test
    void aPhoneWithSqlOrHtmlAndACardNumberWithLettersAreRefused() {
        refused(400, register(Map.of("headName", "王五", "phone", "1' OR '1'='1", "gridCode", hedongGrid())), "phone");
        refused(400, register(Map.of("headName", "王五", "cardNumber", "../../etc", "gridCode", hedongGrid())),
                "cardNumber");
    }

    @Test
    void aPinOfLettersInThePinFormIsRefusedAndThePinStays() {
        String id = householdOf("河东村");
        String hash = (String) sql().single("SELECT pin_hash FROM household WHERE id = ?", id);
        Session admin = signIn(ADMIN);
        HttpResponse<String> answer = form(admin, "/households/" + id + "/pin", admin.csrf(), Map.of("pin", "abcd"),
                null);
        assertEquals(422, answer.code(), bodyOf(answer));
        assertTrue(bodyOf(answer).contains("<html"), "an error page");
        assertEquals(hash, sql().single("SELECT pin_hash FROM household WHERE id = ?", id), "the PIN is unchanged");
        refused(400, as(ADMIN, HttpRequest.PUT("/api/households/" + id + "/pin", Map.of("pin", "１２３４"))), "pin");
    }

    @Test
    void aHouseholdIdOfAnotherVillageInTheFormIsRefused() {
        String leguo = householdOf("乐国窝铺村");
        String hash = (String) sql().single("SELECT pin_hash FROM household WHERE id = ?", leguo);
        Session admin = signIn(ADMIN);
        HttpResponse<String> answer = form(admin, "/households/" + leguo + "/pin", admin.csrf(), Map.of("pin", "9999"),
                null);
        assertEquals(403, answer.code());
        assertEquals(hash, sql().single("SELECT pin_hash FROM household WHERE id = ?", leguo));
    }
}
