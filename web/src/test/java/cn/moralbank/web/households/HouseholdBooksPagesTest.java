package cn.moralbank.web.households;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.ledger.Ledger;
import cn.moralbank.points.ledger.api.CreditCommand;
import cn.moralbank.points.ledger.api.EntryId;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.testing.Eventually;
import cn.moralbank.web.testing.AppTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/**
 * 期初积分 on a household's page and 迁出: an opening balance is booked once (a form sent twice books once), refused
 * while the household has live entries, corrected by a reversal and booked again, each step in the household's
 * trail; a household marked moved out leaves the register, stays findable with its passbook, and takes no more
 * changes; another village's administrator is refused and nothing changes.
 */
@MicronautTest(transactional = false)
class HouseholdBooksPagesTest extends AppTest {

    private String page(String user, String path) {
        return htmlPage(user, path, null);
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Inject Ledger ledger;

    private String newHousehold(String head) {
        String grid = (String) sql().single("""
                SELECT g.code FROM region g JOIN region v ON g.parent_id = v.id
                WHERE v.name = '河东村' ORDER BY g.code LIMIT 1""");
        Map<?, ?> created = client.toBlocking().retrieve(as("hedong.admin", HttpRequest.POST("/api/households",
                Map.of("headName", head, "gridCode", grid))), Map.class);
        String id = (String) created.get("id");
        Eventually.until("account of " + head, () -> sql().count(
                "SELECT count(*) FROM account_balance WHERE household_id = ?", id) == 1);
        return id;
    }

    private long carried(String id) {
        return sql().count("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%BalanceCarriedOver'", id);
    }

    private String book(String points, String token) {
        return "points=" + points + "&asOf=2026-11-30&passbookNumber=HD-77&token=" + token;
    }

    @Test
    void aFormTokenTooLongForItsReversalToFitIsRefusedBeforeAnythingIsBooked() {
        String id = newHousehold("期初长号户");
        // 40 characters made an entry id whose reversal id was 102 long: booked, and never reversible
        HttpResponse<String> refused = formPost("hedong.admin", "/households/" + id + "/opening",
                book("30", "T".repeat(40)));
        assertEquals(422, refused.code(), refused.body());
        assertEquals(0, carried(id));
    }

    @Test
    void anOpeningBalanceIsBookedOnceRefusedOverLiveEntriesAndCorrectedByAReversal() {
        String id = newHousehold("期初页户");
        long base = balance(id);
        assertTrue(page("hedong.admin", "/households/" + id + "/opening").contains("本户还没有期初积分"));
        String token = UUID.randomUUID().toString();
        assertEquals(303, formPost("hedong.admin", "/households/" + id + "/opening", book("120", token)).code());
        assertEquals(303, formPost("hedong.admin", "/households/" + id + "/opening", book("120", token)).code(),
                "the same form again");
        assertEquals(1, carried(id), "booked once");
        awaitBalance(id, base + 120);

        HttpResponse<String> second = formPost("hedong.admin", "/households/" + id + "/opening",
                book("150", UUID.randomUUID().toString()));
        assertEquals(422, second.code(), "a second opening balance over a live one");
        assertEquals(1, carried(id));

        String entry = "opening:" + id + ":" + token;
        assertEquals(422, formPost("hedong.admin", "/households/" + id + "/opening/reverse", "entryId=" + enc(entry)
                + "&reason=").code(), "a reversal needs its reason");
        assertEquals(303, formPost("hedong.admin", "/households/" + id + "/opening/reverse", "entryId=" + enc(entry)
                + "&reason=" + enc("存折抄错了")).code());
        awaitBalance(id, base);
        assertEquals(303, formPost("hedong.admin", "/households/" + id + "/opening",
                book("150", UUID.randomUUID().toString())).code(), "the right one after the reversal");
        awaitBalance(id, base + 150);
        assertEquals(3, sql().count("SELECT count(*) FROM household_change WHERE household_id = ? "
                + "AND changed_by = 'hedong.admin'", id), "booked, reversed, booked: each in the trail");
        String after = page("hedong.admin", "/households/" + id + "/opening");
        assertTrue(after.contains("已冲正") && after.contains("存折抄错了"), after);
    }

    @Test
    void aHouseholdWithEntriesIsRefusedAndAnotherVillagesAdministratorChangesNothing() {
        String used = (String) sql().single("""
                SELECT h.id FROM household h JOIN region r ON h.region_path LIKE r.path || '%'
                JOIN account_balance b ON b.household_id = h.id
                WHERE r.name = '河东村' AND h.status = 'ACTIVE' AND b.entries > 0 ORDER BY h.card_number LIMIT 1""");
        long events = events(used);
        HttpResponse<String> refused = formPost("hedong.admin", "/households/" + used + "/opening",
                book("80", UUID.randomUUID().toString()));
        assertEquals(422, refused.code());
        assertTrue(refused.body().contains("已有记账"), refused.body());
        assertEquals(403, formPost("leguo.admin", "/households/" + used + "/opening",
                book("80", UUID.randomUUID().toString())).code());
        assertEquals(403, formPost("leguo.admin", "/households/" + used + "/moved-out", "reason=" + enc("越权")).code());
        assertEquals(events, events(used));
        assertEquals("ACTIVE", sql().single("SELECT status FROM household WHERE id = ?", used));
    }

    /** The attacker's second pass: whole card numbers (with a 4-digit PIN, what a kiosk asks for) on every list. */
    @Test
    void onlyTheRegistersKeeperSeesWholeCardNumbersOnTheList() {
        String card = (String) sql().single("""
                SELECT h.card_number FROM household h JOIN region r ON h.region_path LIKE r.path || '%'
                WHERE r.name = '河东村' ORDER BY h.card_number LIMIT 1""");
        assertTrue(htmlPage("hedong.admin", "/households", null).contains(card));
        for (String user : List.of("hedong.c1", "hedong.grid1", "humaying", "wenmingban")) {
            String list = htmlPage(user, "/households", null);
            assertFalse(list.contains(card), user);
            assertTrue(list.contains("****" + card.substring(card.length() - 4)) || !list.contains("河东村"), user);
            String id = (String) sql().single("SELECT id FROM household WHERE card_number = ?", card);
            assertFalse(htmlPage(user, "/households/" + id, null).contains(card), user + " on the household's page");
        }
    }

    /** The walk-through found the link on every role's list, and the page refusing the committee and grid workers. */
    @Test
    void theListLinksToTheClosedHouseholdsOnlyForTheRolesThatMayOpenThem() {
        for (String user : List.of("hedong.admin", "humaying", "wenmingban")) {
            assertTrue(htmlPage(user, "/households", null).contains("href=\"/households/closed\""), user);
            assertEquals(200, client.toBlocking().exchange(as(user, HttpRequest.GET("/households/closed")),
                    String.class).code(), user);
        }
        for (String user : List.of("hedong.c1", "hedong.grid1")) {
            assertFalse(htmlPage(user, "/households", null).contains("/households/closed"), user);
            assertEquals(403, refusal(as(user, HttpRequest.GET("/households/closed"))).status(), user);
        }
    }

    @Test
    void aMovedOutHouseholdLeavesTheRegisterAndStaysFindableWithItsPassbook() {
        String id = newHousehold("迁出户");
        // first of its village this year by what it earned, on the printed honour roll
        ledger.credit(new Actor("hedong.admin", Role.VILLAGE_ADMIN, "/", null, null), new CreditCommand(
                new HouseholdId(id), new EntryId("deed:moved-" + UUID.randomUUID()), 9_000, "deed", "助人为乐"));
        Eventually.until("the rankings", () -> sql().count("SELECT coalesce(max(earned), 0) FROM ranking_household "
                + "WHERE household_id = ? AND period = 'ALL'", id) == 9_000);
        assertTrue(page("hedong.admin", "/ratings/honour-roll?village=3").contains("迁出户"));
        // a region outside the caller's scope is refused before anything names it (the township's name was told)
        long township = sql().count("SELECT parent_id FROM region WHERE id = 3");
        long otherGrid = sql().count("SELECT min(id) FROM region WHERE parent_id = 7");
        for (String notAYear : List.of("ALL", "2026-W49", "2026-11")) {
            assertEquals(422, refusal(as("hedong.admin", HttpRequest.GET("/ratings/honour-roll?village=3&year="
                    + notAYear))).status(), notAYear);
        }
        for (long region : List.of(township, otherGrid)) {
            Refusal refused = refusal(as("hedong.admin", HttpRequest.GET("/ratings/honour-roll?village=" + region)));
            assertEquals(403, refused.status(), refused.body());
        }
        Eventually.until("counted among the village's households", () -> sql().count(
                "SELECT count(*) FROM ranking_household_place WHERE household_id = ?", id) == 1);
        long village = sql().count("SELECT households FROM ranking_region_size WHERE region_id = 3");
        assertEquals(422, formPost("hedong.admin", "/households/" + id + "/moved-out", "reason=").code());
        assertEquals(303, formPost("hedong.admin", "/households/" + id + "/moved-out",
                "reason=" + enc("全家迁往县城")).code());
        assertEquals("MOVED", sql().single("SELECT status FROM household WHERE id = ?", id));
        assertEquals(1, sql().count("SELECT count(*) FROM household_change WHERE household_id = ? "
                + "AND action = 'MOVED_OUT' AND reason = '全家迁往县城' AND changed_by = 'hedong.admin'", id));
        assertTrue(page("hedong.admin", "/households/closed").contains("迁出户"));
        assertTrue(page("wenmingban", "/households/closed").contains("迁出户"), "the county office finds it too");
        assertFalse(page("leguo.admin", "/households/closed").contains("迁出户"), "another village does not");
        assertTrue(page("hedong.admin", "/households/" + id + "/passbook").contains("迁出户"), "the passbook stays");
        assertEquals(village - 1, sql().count("SELECT households FROM ranking_region_size WHERE region_id = 3"),
                "no longer counted among the village's households");
        // no honour of the village any more; its points stay where it earned them, named as moved out
        assertFalse(page("hedong.admin", "/ratings/honour-roll?village=3").contains("迁出户"), "off the honour roll");
        assertTrue(page("hedong.admin", "/rankings?region=3&period=ALL").contains("迁出户</a><span class=\"muted\"> · 迁出</span>"),
                "named as moved out in the rankings");
        assertEquals(422, formPost("hedong.admin", "/households/" + id + "/grid", "gridCode=x").code(),
                "no more changes to a moved-out household");
        assertEquals(422, formPost("hedong.admin", "/households/" + id + "/opening",
                book("10", UUID.randomUUID().toString())).code());
    }
}
