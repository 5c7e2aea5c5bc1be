package cn.moralbank.web.ratings;

import cn.moralbank.points.testing.Eventually;
import cn.moralbank.web.testing.AppTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A villager on a phone: signs in with the household card's number and PIN, sees the balance, the passbook, the
 * household's rank in the village, its deeds and the notice board; wrong PINs are refused and then throttled; no
 * other household can be read.
 */
@MicronautTest(transactional = false)
class SelfServiceHttpTest extends AppTest {
    private String card;
    private String household;

    @BeforeAll
    void theVillagersCard() {
        household = (String) sql().single("SELECT household_id FROM person WHERE username = 'hedong.villager'");
        card = (String) sql().single("SELECT card_number FROM household WHERE id = ?", household);
        Eventually.until("the rankings", () -> sql().count(
                "SELECT count(*) FROM ranking_household WHERE household_id = ? AND period = 'ALL'", household) == 1);
    }

    private Browser phone() {
        return new Browser(client, noRedirects());
    }

    @Test
    void aVillagerSignsInWithCardAndPinAndSeesBalancePassbookAndRank() {
        Browser phone = phone();
        assertTrue(phone.page("/self/login").body().contains("户卡密码"));
        assertEquals("/self", phone.signInWithCard(card, "1234"));
        String self = phone.page("/self").body();
        assertTrue(self.contains("name=\"viewport\""), "made for a phone");
        assertTrue(self.contains("积分余额"));
        assertTrue(self.contains(">" + balance(household) + "<"), "the balance");
        assertTrue(self.contains("河东村排名"), "the rank in the village");
        Map<?, ?> rank = phone.json("/api/households/" + household + "/rank?period=" + thisMonth());
        assertTrue(self.contains("第 " + rank.get("rank") + " 名"), "the same rank as the API: " + rank);
        assertEquals(60, ((Number) rank.get("of")).intValue(), "among the village's 60 households");
        assertTrue(self.contains("基础分"), "the passbook's lines");
        assertTrue(phone.page("/self/passbook").body().contains("存折"));
        assertEquals(200, phone.page("/self/deeds").code());
        assertTrue(phone.page("/self/notices").body().contains("河东村公示栏"));
    }

    @Test
    void wrongPinsAreRefusedAndFiveOfThemMakeTheCardWait() {
        String withoutPin = (String) sql().single("""
                SELECT h.card_number FROM household h JOIN region r ON h.region_path LIKE r.path || '%'
                WHERE r.name = '河东村' AND h.pin_hash IS NULL ORDER BY h.card_number LIMIT 1""");
        assertEquals("/self/login?error=wrong", phone().signInWithCard(withoutPin, "1234"), "a card without a PIN");
        assertEquals("/self/login?error=wrong", phone().signInWithCard("0000000000", "1234"), "an unknown card");
        String guessed = cardWithPin("乐国窝铺村", "5678");
        // a malformed PIN is refused but is no guess, at the kiosk and here alike (one guard counts both)
        assertEquals("/self/login?error=wrong", phone().signInWithCard(guessed, "56a8"), "a malformed PIN");
        for (int i = 0; i < 5; i++) {
            assertEquals("/self/login?error=wrong", phone().signInWithCard(guessed, "000" + i));
        }
        assertEquals("/self/login?error=locked", phone().signInWithCard(guessed, "5678"),
                "five wrong: the card waits, even with the right PIN");
        String said = phone().page("/self/login?error=locked").body();
        assertTrue(said.contains("15 秒") && said.contains("最长 5 分钟"), "what the wait costs is said: " + said);
    }

    @Test
    void aVillagerReadsNothingOfAnotherHousehold() {
        Browser phone = phone();
        assertEquals("/self", phone.signInWithCard(cardWithPin("河东村", "4321"), "4321"));
        String neighbour = householdOf("河东村");
        assertEquals(403, phone.status("/api/households/" + neighbour + "/rank"));
        assertEquals(403, phone.status("/api/households/" + neighbour + "/passbook"));
        assertEquals(403, phone.refused("/dashboard"));
        assertEquals(403, phone.refused("/ratings"));
    }

    /** The card of a household of the village without a PIN, given one by its administrator. */
    private String cardWithPin(String village, String pin) {
        String id = (String) sql().single("""
                SELECT h.id FROM household h JOIN region r ON h.region_path LIKE r.path || '%'
                WHERE r.name = ? AND h.pin_hash IS NULL ORDER BY h.card_number DESC LIMIT 1""", village);
        String admin = village.equals("河东村") ? "hedong.admin" : "leguo.admin";
        exchange(as(admin, HttpRequest.PUT("/api/households/" + id + "/pin", Map.of("pin", pin))), String.class);
        return (String) sql().single("SELECT card_number FROM household WHERE id = ?", id);
    }

    private static String thisMonth() {
        return AppTest.countyToday().toString().substring(0, 7);
    }
}
