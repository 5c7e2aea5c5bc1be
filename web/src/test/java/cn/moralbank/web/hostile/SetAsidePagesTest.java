package cn.moralbank.web.hostile;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 结算搁置: the county office's page of deeds whose settlement the objection-period job set aside (V70), with the reason
 * and what to do, in both languages, scoped to the office's county; Try again clears the row so the job settles the
 * deed at its next run; no other role reads or clears it.
 */
@MicronautTest(transactional = false)
class SetAsidePagesTest extends HostileTest {

    private String setAside(String error, int attempts) {
        String deed = (String) sql().single("""
                SELECT d.deed_id FROM deed_view d WHERE d.village_path LIKE (SELECT path FROM region WHERE name = '河东村') || '%'
                AND NOT EXISTS (SELECT 1 FROM deed_settlement_set_aside a WHERE a.deed_id = d.deed_id)
                ORDER BY d.deed_id LIMIT 1""");
        sql().update("""
                INSERT INTO deed_settlement_set_aside (deed_id, village_path, attempts, error, first_failed, last_failed)
                SELECT deed_id, village_path, ?, ?, now(), now() FROM deed_view WHERE deed_id = ?""",
                attempts, error, deed);
        return deed;
    }

    @Test
    void theCountyOfficeSeesEachDeedSetAsideWithItsReasonAndWhatToDoAndTriesItAgain() {
        String refused = setAside("ledger.points.too-large", 3);
        String failed = setAside("IllegalStateException", 3);
        // a deed of another county, set aside there: not this office's
        sql().update("""
                INSERT INTO deed_settlement_set_aside (deed_id, village_path, attempts, error, first_failed, last_failed)
                VALUES ('other-county-deed', '/999/998/997/', 3, 'ledger.points.too-large', now(), now())""");
        String household = (String) sql().single("SELECT household_name FROM deed_view WHERE deed_id = ?", refused);

        String zh = page("wenmingban", "/ops/set-aside");
        assertTrue(zh.contains("结算搁置的好事"), zh);
        assertTrue(zh.contains(household), "the household is named");
        assertTrue(zh.contains("ledger.points.too-large") && zh.contains("IllegalStateException"), "each reason");
        assertTrue(zh.contains("撤销这件好事") && zh.contains("再试也不会通过"), "what to do with a refused one");
        assertTrue(zh.contains("多为暂时故障"), "what to do with a failed one");
        assertTrue(zh.contains("/ops/set-aside/" + refused + "/again") && zh.contains("/ops/set-aside/" + failed
                + "/again"), "Try again for each");
        assertFalse(zh.contains("other-county-deed"), "another county's deed is not shown");
        assertTrue(page("wenmingban", "/").contains("/ops/set-aside"), "the office's menu leads to it");

        String en = client.toBlocking().retrieve(as("wenmingban", HttpRequest.GET("/ops/set-aside")
                .accept(MediaType.TEXT_HTML_TYPE).header("Accept-Language", "en")), String.class);
        assertTrue(en.contains("Deeds whose settlement was set aside") && en.contains("What to do")
                && en.contains("revoke the deed"), en);

        Session office = signIn("wenmingban");
        HttpResponse<String> again = form(office, "/ops/set-aside/" + refused + "/again", office.csrf(), Map.of(), null);
        assertEquals(303, again.code());
        assertEquals(0, sql().count("SELECT count(*) FROM deed_settlement_set_aside WHERE deed_id = ?", refused),
                "cleared: the job tries it at its next run");
        assertTrue(page("wenmingban", "/ops/set-aside?again=" + refused).contains("已放回待记账"));
    }

    @Test
    void noOtherRoleSeesOrClearsItAndAnotherCountysDeedIsRefused() {
        String deed = setAside("ledger.points.not-positive", 3);
        for (String user : List.of("humaying", ADMIN, "hedong.c1", "hedong.villager")) {
            Refusal refusal = refusal(as(user, HttpRequest.GET("/ops/set-aside").accept(MediaType.TEXT_HTML_TYPE)));
            assertEquals(403, refusal.status(), user);
            Refusal clear = refusal(as(user, HttpRequest.POST("/ops/set-aside/" + deed + "/again", "")
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)));
            assertTrue(clear.status() == 403, user + " " + clear.status());
        }
        sql().update("""
                INSERT INTO deed_settlement_set_aside (deed_id, village_path, attempts, error, first_failed, last_failed)
                VALUES ('other-county-deed2', '/999/998/997/', 3, 'ledger.points.too-large', now(), now())""");
        Session office = signIn("wenmingban");
        HttpResponse<String> other = form(office, "/ops/set-aside/other-county-deed2/again", office.csrf(), Map.of(),
                null);
        assertEquals(403, other.code());
        assertEquals(1, sql().count("SELECT count(*) FROM deed_settlement_set_aside WHERE deed_id = 'other-county-deed2'"));
        assertEquals(1, sql().count("SELECT count(*) FROM deed_settlement_set_aside WHERE deed_id = ?", deed));
    }
}
