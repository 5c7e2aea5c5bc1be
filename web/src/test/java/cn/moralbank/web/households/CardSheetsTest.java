package cn.moralbank.web.households;

import cn.moralbank.web.testing.AppTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/** Bulk card printing: every active card of the village, in card-number order, 10 to a sheet; another village refused. */
@MicronautTest(transactional = false)
class CardSheetsTest extends AppTest {

    private String page(String user, String path) {
        return client.toBlocking().retrieve(as(user, HttpRequest.GET(path).accept(MediaType.TEXT_HTML_TYPE)),
                String.class);
    }

    @Test
    void everyActiveCardOfTheVillageInRegisterOrderTenToASheet() {
        String html = page("hedong.admin", "/households/print/cards");
        long expected = sql().count("""
                SELECT count(*) FROM household h JOIN region r ON h.region_path LIKE r.path || '%'
                WHERE r.name = '河东村' AND h.status = 'ACTIVE'""");
        assertTrue(expected > 10, "the demo village fills more than one sheet");
        long sheets = Pattern.compile("class=\"card-sheet\"").matcher(html).results().count();
        assertEquals((expected + 9) / 10, sheets);
        Matcher numbers = Pattern.compile("class=\"card-number\">([0-9]+)<").matcher(html);
        List<String> cards = numbers.results().map(m -> m.group(1)).toList();
        assertEquals(expected, cards.size());
        assertEquals(cards.stream().sorted().toList(), cards, "in the order of the register");
        assertTrue(html.contains("<svg"), "each card has its QR code");

        long leguo = (Long) sql().single("SELECT id FROM region WHERE name = '乐国窝铺村'");
        HttpClientResponseException refused = assertThrows(HttpClientResponseException.class,
                () -> page("hedong.admin", "/households/print/cards?region=" + leguo));
        assertEquals(403, refused.code());
        assertThrows(HttpClientResponseException.class, () -> page("hedong.grid1", "/households/print/cards"));
    }

    @Test
    void firstPinsAreIssuedOnceToHouseholdsWithoutOneAndPrintedInSealedSlips() {
        String village = "(SELECT path FROM region WHERE name = '河东村') || '%'";
        String keeper = (String) sql().single("SELECT id FROM household WHERE region_path LIKE " + village
                + " AND status = 'ACTIVE' ORDER BY card_number LIMIT 1");
        sql().update("UPDATE household SET pin_hash = NULL WHERE region_path LIKE " + village + " AND id <> ?", keeper);
        sql().update("UPDATE household SET pin_hash = 'kept' WHERE id = ?", keeper);
        long without = sql().count("SELECT count(*) FROM household WHERE region_path LIKE " + village
                + " AND status = 'ACTIVE' AND pin_hash IS NULL");

        String html = client.toBlocking().retrieve(as("hedong.admin", HttpRequest.POST("/households/print/pins", "")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE).accept(MediaType.TEXT_HTML_TYPE)), String.class);
        List<String> pins = Pattern.compile("class=\"pin\">([0-9]{4})<").matcher(html).results()
                .map(m -> m.group(1)).toList();
        assertEquals(without, pins.size(), "one slip for each household that had no PIN");
        assertEquals("kept", sql().single("SELECT pin_hash FROM household WHERE id = ?", keeper));
        Matcher first = Pattern.compile("户卡号 ([0-9]+)<").matcher(html);
        assertTrue(first.find(), html);
        String hash = (String) sql().single("SELECT pin_hash FROM household WHERE card_number = ?", first.group(1));
        assertTrue(at.favre.lib.crypto.bcrypt.BCrypt.verifyer().verify(pins.get(0).toCharArray(), hash).verified,
                "the printed PIN is the one set");

        String again = client.toBlocking().retrieve(as("hedong.admin", HttpRequest.POST("/households/print/pins", "")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE).accept(MediaType.TEXT_HTML_TYPE)), String.class);
        assertFalse(again.contains("class=\"pin\""), "nothing is issued twice");
        assertThrows(HttpClientResponseException.class, () -> client.toBlocking().retrieve(as("wenmingban",
                HttpRequest.POST("/households/print/pins", "").contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                        .accept(MediaType.TEXT_HTML_TYPE)), String.class));
    }

    @Test
    void printsAtOnceIssueEachPinOnceAndEveryPrintedPinIsTheOneSet() throws Exception {
        String village = "(SELECT path FROM region WHERE name = '河东村') || '%'";
        sql().update("UPDATE household SET pin_hash = NULL WHERE region_path LIKE " + village);
        long without = sql().count("SELECT count(*) FROM household WHERE region_path LIKE " + village
                + " AND status = 'ACTIVE' AND pin_hash IS NULL");
        // a double click, or two tabs: each household's PIN is set by one print and appears on that print alone
        List<CompletableFuture<String>> prints = IntStream.range(0, 3)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> client.toBlocking().retrieve(
                        as("hedong.admin", HttpRequest.POST("/households/print/pins", "")
                                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                                .accept(MediaType.TEXT_HTML_TYPE)), String.class))).toList();
        Map<String, String> printed = new HashMap<>();
        for (var print : prints) {
            String html = print.get(60, TimeUnit.SECONDS);
            List<String> cards = Pattern.compile("户卡号 ([0-9]+)<").matcher(html).results().map(m -> m.group(1))
                    .toList();
            List<String> pins = Pattern.compile("class=\"pin\">([0-9]{4})<").matcher(html).results()
                    .map(m -> m.group(1)).toList();
            assertEquals(cards.size(), pins.size(), "a PIN on every slip");
            for (int i = 0; i < cards.size(); i++) {
                assertNull(printed.put(cards.get(i), pins.get(i)), "card " + cards.get(i) + " printed twice");
            }
        }
        assertEquals(without, printed.size(), "every household that had no PIN has one slip");
        printed.forEach((card, pin) -> assertTrue(at.favre.lib.crypto.bcrypt.BCrypt.verifyer().verify(
                pin.toCharArray(), (String) sql().single("SELECT pin_hash FROM household WHERE card_number = ?",
                        card)).verified, "the PIN printed for " + card + " is the one set"));
    }
}
