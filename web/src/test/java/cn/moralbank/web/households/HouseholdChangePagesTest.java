package cn.moralbank.web.households;

import cn.moralbank.points.household.CardMask;
import cn.moralbank.web.testing.AppTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The household change pages over HouseholdChanges: edit, move to another grid, split off a new household with a
 * share of points, merge into another (the points conserved, the merged one closed), with confirmation questions on
 * the forms; a merge without a reason, another village's administrator and a grid worker are refused, nothing changed.
 */
@MicronautTest(transactional = false)
class HouseholdChangePagesTest extends AppTest {

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private List<String> twoActiveHouseholds() {
        String a = (String) sql().single("""
                SELECT h.id FROM household h JOIN region r ON h.region_path LIKE r.path || '%'
                JOIN account_balance b ON b.household_id = h.id
                WHERE r.name = '河东村' AND h.status = 'ACTIVE' AND b.balance >= 20 ORDER BY h.card_number LIMIT 1""");
        String b = (String) sql().single("""
                SELECT h.id FROM household h JOIN region r ON h.region_path LIKE r.path || '%'
                WHERE r.name = '河东村' AND h.status = 'ACTIVE' AND h.id <> ? ORDER BY h.card_number LIMIT 1""", a);
        return List.of(a, b);
    }

    private String grid(int nth) {
        return (String) sql().single("""
                SELECT g.code FROM region g JOIN region v ON g.parent_id = v.id
                WHERE v.name = '河东村' ORDER BY g.code OFFSET ? LIMIT 1""", nth);
    }

    @Test
    void theAdministratorEditsMovesSplitsAndMergesAHouseholdAndThePointsAreConserved() {
        List<String> two = twoActiveHouseholds();
        String a = two.get(0);
        String b = two.get(1);
        String page = client.toBlocking().retrieve(as("hedong.admin",
                HttpRequest.GET("/households/" + a + "/changes").accept(MediaType.TEXT_HTML_TYPE)), String.class);
        assertTrue(page.contains("农户变更") && page.contains("data-confirm=\"合户后"), page);

        assertEquals(303, formPost("hedong.admin", "/households/" + a + "/edit",
                "headName=" + enc("改名户主") + "&members=" + enc("李一/妻子") + "&address=" + enc("河东村1号")
                        + "&phone=13800000009").code());
        assertEquals("改名户主", sql().single("SELECT head_name FROM household WHERE id = ?", a));
        assertEquals(303, formPost("hedong.admin", "/households/" + a + "/grid", "gridCode=" + grid(1)).code());
        assertEquals(grid(1), sql().single("SELECT r.code FROM household h JOIN region r ON r.id = h.grid_id "
                + "WHERE h.id = ?", a));

        long total = balance(a) + balance(b);
        String splitForm = "headName=" + enc("分出户") + "&gridCode=" + grid(0) + "&points=10&reason="
                + enc("儿子成家分户") + "&token=page-split-" + a;
        HttpResponse<String> split = formPost("hedong.admin", "/households/" + a + "/split", splitForm);
        assertEquals(303, split.code());
        String created = split.header("Location").substring("/households/".length());
        // the form sent twice (a double click): the same household, the points moved once
        assertEquals(split.header("Location"),
                formPost("hedong.admin", "/households/" + a + "/split", splitForm).header("Location"));
        awaitBalance(created, 10);
        // the page shown after saving: the new household, its transfer line named in words, in both languages
        String shown = htmlPage("hedong.admin", "/households/" + created, "zh-CN");
        assertTrue(shown.contains("分出户") && shown.contains("转入") && shown.contains("儿子成家分户"), shown);
        // and the other household named: its head and its card number masked
        String headOfA = (String) sql().single("SELECT head_name FROM household WHERE id = ?", a);
        String cardOfA = (String) sql().single("SELECT card_number FROM household WHERE id = ?", a);
        assertTrue(shown.contains("转自 " + headOfA + " " + CardMask.mask(cardOfA)),
                shown);
        assertFalse(shown.contains("??"), "a passbook line without its text: " + shown);
        String english = htmlPage("hedong.admin", "/households/" + a, "en");
        assertTrue(english.contains("transferred out"), english);
        assertFalse(english.contains("??"), "a passbook line without its text: " + english);

        long before = sql().count("SELECT count(*) FROM domain_event_entry");
        assertEquals(422, formPost("hedong.admin", "/households/" + a + "/merge",
                "intoCard=" + sql().single("SELECT card_number FROM household WHERE id = ?", b) + "&reason=").code());
        assertEquals(before, sql().count("SELECT count(*) FROM domain_event_entry"), "no reason: nothing booked");

        String bCard = (String) sql().single("SELECT card_number FROM household WHERE id = ?", b);
        assertEquals(303, formPost("hedong.admin", "/households/" + a + "/merge",
                "intoCard=" + bCard + "&reason=" + enc("两户合并")).code());
        assertEquals("MERGED", sql().single("SELECT status FROM household WHERE id = ?", a));
        awaitBalance(a, 0);
        awaitBalance(b, total - 10);
        String into = htmlPage("hedong.admin", "/households/" + b, "zh-CN");
        assertTrue(into.contains("转入") && into.contains("两户合并"), into);
        String merged = htmlPage("hedong.admin", "/households/" + a, "zh-CN");
        assertTrue(merged.contains("合户") && merged.contains("转出"), merged);
    }

    @Test
    void anotherVillagesAdministratorAndAGridWorkerAreRefusedAndNothingChanges() {
        String a = twoActiveHouseholds().get(0);
        Object head = sql().single("SELECT head_name FROM household WHERE id = ?", a);
        assertEquals(403, formPost("leguo.admin", "/households/" + a + "/edit", "headName=" + enc("外村改")).code());
        assertEquals(403, formPost("hedong.grid1", "/households/" + a + "/edit", "headName=" + enc("网格员改")).code());
        assertEquals(422, formPost("hedong.admin", "/households/" + a + "/split", "headName=" + enc("分出户")
                + "&gridCode=" + grid(0) + "&points=abc&reason=x").code());
        assertEquals(head, sql().single("SELECT head_name FROM household WHERE id = ?", a));
        assertEquals("ACTIVE", sql().single("SELECT status FROM household WHERE id = ?", a));
    }
}
