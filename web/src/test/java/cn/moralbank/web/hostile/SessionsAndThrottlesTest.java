package cn.moralbank.web.hostile;

import cn.moralbank.kiosk.checkout.CardPins;
import cn.moralbank.points.access.Throttles;
import cn.moralbank.points.people.Sessions;
import cn.moralbank.points.testing.Eventually;
import cn.moralbank.points.testing.Sql;
import cn.moralbank.web.testing.AppTest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Sessions that end and throttles that hold across nodes (issue 14). The node is behind a trusted proxy (127.0.0.1),
 * so each test names its client address in X-Forwarded-For and no test's wrong tries count against another's.
 */
@MicronautTest(transactional = false)
class SessionsAndThrottlesTest extends HostileTest {

    @Inject
    ApplicationContext context;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(super.getProperties());
        props.put("moralbank.trusted-proxies", "127.0.0.1,::1");
        return props;
    }

    private String freshToken(String username, String address) {
        Map<?, ?> answer = client.toBlocking().retrieve(from(address, HttpRequest.POST("/api/login",
                Map.of("username", username, "password", PASSWORD))), Map.class);
        return (String) answer.get("access_token");
    }

    private static <T> MutableHttpRequest<T> from(String address, MutableHttpRequest<T> request) {
        return request.header("X-Forwarded-For", address);
    }

    private int status(MutableHttpRequest<?> request) {
        try {
            return client.toBlocking().exchange(request, String.class).code();
        } catch (HttpClientResponseException e) {
            return e.code();
        }
    }

    private int villages(String token) {
        return status(HttpRequest.GET("/api/villages").bearerAuth(token));
    }

    @Test
    void signingOutEndsThePersonsTokensAtOnceNotJustTheCookie() {
        String first = freshToken("hedong.c4", "192.0.2.10");
        String second = freshToken("hedong.c4", "192.0.2.10");
        assertEquals(200, villages(first));
        int out = status(HttpRequest.POST("/logout", "").bearerAuth(first)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED));
        assertTrue(out < 400, "signed out: " + out);
        assertEquals(401, villages(first), "the signed-out token");
        assertEquals(401, villages(second), "another session of the same person");
        assertEquals(200, villages(freshToken("hedong.c4", "192.0.2.10")), "a new sign-in works");
    }

    @Test
    void revokingAPersonEndsEverySessionOnEveryNodeAndTheNextSignInWorks() {
        String token = freshToken("hedong.c3", "192.0.2.11");
        assertEquals(200, villages(token));
        context.getBean(Sessions.class).revoke("hedong.c3");
        assertEquals(401, villages(token));
        assertEquals(200, villages(freshToken("hedong.c3", "192.0.2.11")));
    }

    @Test
    void aScopeChangeWithARevokeRefusesTheOldScopeAtOnce() {
        String token = freshToken("hedong.c2", "192.0.2.12");
        String hedong = householdOf("河东村");
        assertEquals(200, status(HttpRequest.GET("/api/households/" + hedong).bearerAuth(token)));
        sql().update("UPDATE person SET region_id = (SELECT id FROM region WHERE name = '乐国窝铺村') "
                + "WHERE username = 'hedong.c2'");
        context.getBean(Sessions.class).revoke("hedong.c2");
        assertEquals(401, status(HttpRequest.GET("/api/households/" + hedong).bearerAuth(token)));
        String moved = freshToken("hedong.c2", "192.0.2.12");
        assertEquals(403, status(HttpRequest.GET("/api/households/" + hedong).bearerAuth(moved)));
    }

    @Test
    void tokensSignedWithTheSecretButMissingWhatASessionNeedsAreRefused() throws Exception {
        assertEquals(200, villages(forged(b -> b)), "the same claims re-signed are good");
        long hour = 3_600_000;
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("no exp", forged(b -> b.expirationTime(null)));
        refused.put("nbf in the future", forged(b -> b.notBeforeTime(new Date(System.currentTimeMillis() + hour))));
        refused.put("foreign iss", forged(b -> b.issuer("evil.example")));
        refused.put("no iss", forged(b -> b.issuer(null)));
        refused.put("unknown sub", forged(b -> b.subject("nobody.here")));
        refused.put("no sub", forged(b -> b.subject(null)));
        // the database could not be asked about it: a 500 with a stack trace before
        refused.put("a NUL in sub", forged(b -> b.subject("hedong.admin\u0000")));
        refused.put("a control character in sub", forged(b -> b.subject("hedong\u0007admin")));
        refused.put("scope empty", forged(b -> b.claim("scope", "")));
        refused.put("scope /", forged(b -> b.claim("scope", "/")));
        refused.put("no version", forged(b -> b.claim(Sessions.VERSION_CLAIM, null)));
        refused.put("an older version", forged(b -> b.claim(Sessions.VERSION_CLAIM, -1)));
        refused.put("a fractional version", forged(b -> b.claim(Sessions.VERSION_CLAIM, 0.9)));
        refused.put("an audience", forged(b -> b.audience("evil")));
        refused.put("no id", forged(b -> b.jwtID(null)));
        refused.put("a blank id", forged(b -> b.jwtID(" ")));
        refused.forEach((what, token) -> assertEquals(401, villages(token), what));
    }

    @Test
    void aCookieSessionWithAGarbageBearerHeaderStillNeedsTheCsrfToken() {
        Session admin = signIn(ADMIN);
        String id = householdOf("河东村");
        refused(403, HttpRequest.POST("/api/households/" + id + "/credits",
                Map.of("entryId", "csrf-bearer-1", "points", 5, "reason", "x")).cookies(admin.cookies())
                .header("Authorization", "Bearer garbage").accept(MediaType.APPLICATION_JSON_TYPE), "表单已过期");
    }

    @Test
    void aPlantedCsrfCookieDoesNotSurviveSignIn() {
        String planted = "planted-by-someone-else";
        HttpResponse<String> answer = noRedirects().toBlocking().exchange(from("192.0.2.13",
                HttpRequest.POST("/login?_csrf=" + planted, "username=" + ADMIN + "&password=" + PASSWORD)
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED).cookie(Cookie.of("mb_csrf", planted))),
                String.class);
        assertTrue(answer.getCookie("JWT").isPresent(), "signed in");
        String rotated = answer.getCookie("mb_csrf").orElseThrow().getValue();
        assertNotEquals(planted, rotated);
        // the browser now holds the new token: a forged form carrying the value the attacker planted is refused
        Session session = new Session(rotated, answer.getCookie("JWT").get().getValue());
        HttpResponse<String> withPlanted = form(session, "/households", planted,
                Map.of("headName", "钱大有", "gridCode", hedongGrid()), null);
        assertEquals(403, withPlanted.code(), "the planted value no longer passes");
        assertEquals(303, form(session, "/households", rotated, Map.of("headName", "钱大有",
                "gridCode", hedongGrid()), null).code(), "the new token does");
    }

    @Test
    void wrongPasswordsSlowTheAccountOnEveryAddressAndNodeWithAGrowingDelayNotALock() {
        String user = "hedong.c5";
        for (int i = 0; i < 5; i++) {
            assertEquals(401, status(from("192.0.2." + (20 + i), HttpRequest.POST("/api/login",
                    Map.of("username", user, "password", "wrong-" + i)))));
        }
        // the count is in PostgreSQL, not in this node's memory: every node reads the same row
        assertEquals(1, sql().count("SELECT count(*) FROM access_throttle WHERE subject = 'account:hedong.c5'"));
        assertEquals(0, sql().count("SELECT count(*) FROM access_throttle WHERE blocked_until IS NOT NULL "
                + "AND subject = 'account:hedong.c5'"), "five wrong cost nothing yet");
        assertEquals(401, status(from("192.0.2.30", HttpRequest.POST("/api/login",
                Map.of("username", user, "password", "wrong-6")))));
        Refusal waiting = refusal(from("192.0.2.31", HttpRequest.POST("/api/login",
                Map.of("username", user, "password", PASSWORD))));
        assertEquals(429, waiting.status(), "the right password waits too, from any address");
        assertTrue(waiting.body().contains("秒后再试"), waiting.body());
        long seconds = sql().count("SELECT ceil(extract(epoch FROM blocked_until - now()))::bigint "
                + "FROM access_throttle WHERE subject = 'account:hedong.c5'");
        assertTrue(seconds <= 15, "a delay of seconds, not a fifteen-minute lock: " + seconds);
        assertTrue(context.getBean(Throttles.class).lift("account:hedong.c5"), "the county office lifts it");
        assertEquals(200, status(from("192.0.2.31", HttpRequest.POST("/api/login",
                Map.of("username", user, "password", PASSWORD)))));
    }

    @Test
    void oneAddressTryingManyAccountsIsStoppedAndNoTypedNameFillsTheTable() {
        for (int i = 0; i < 20; i++) {
            status(from("198.51.100.7", HttpRequest.POST("/api/login",
                    Map.of("username", "guess" + i, "password", "wrong"))));
        }
        assertEquals(429, status(from("198.51.100.7", HttpRequest.POST("/api/login",
                Map.of("username", "hedong.grid2", "password", PASSWORD)))), "the address waits");
        assertEquals(200, status(from("198.51.100.8", HttpRequest.POST("/api/login",
                Map.of("username", "hedong.grid2", "password", PASSWORD)))), "another address does not");
        assertEquals(0, sql().count("SELECT count(*) FROM access_throttle WHERE subject LIKE 'account:guess%'"),
                "names of no account are not stored");
    }

    /** The card of the village's n-th household, its PIN set to 1234 by the village's administrator. */
    private String cardOf(String village, int n) {
        String id = (String) sql().single("""
                SELECT h.id FROM household h JOIN region r ON h.region_path LIKE r.path || '%'
                WHERE r.name = ? AND h.status = 'ACTIVE' ORDER BY h.card_number OFFSET ? LIMIT 1""", village, n);
        String admin = village.equals("河东村") ? "hedong.admin" : "leguo.admin";
        client.toBlocking().exchange(as(admin, HttpRequest.PUT("/api/households/" + id + "/pin", Map.of("pin", "1234"))));
        return (String) sql().single("SELECT card_number FROM household WHERE id = ?", id);
    }

    private String selfSignIn(String address, String card, String pin) {
        HttpResponse<String> answer = noRedirects().toBlocking().exchange(from(address,
                HttpRequest.POST("/self/login?_csrf=t", "card=" + card + "&pin=" + pin)
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED).cookie(Cookie.of("mb_csrf", "t"))),
                String.class);
        return answer.header("Location");
    }

    private String kioskSession(String kiosk, String card, String pin) {
        try {
            client.toBlocking().exchange(as(kiosk, HttpRequest.POST("/api/kiosk/session",
                    Map.of("cardNumber", card, "pin", pin))), String.class);
            return "ok";
        } catch (HttpClientResponseException e) {
            return e.getResponse().getBody(String.class).orElse("").replaceAll(".*\"code\":\"([^\"]+)\".*", "$1");
        }
    }

    @Test
    void theKioskAndSelfServiceCountWrongPinsOfACardTogether() {
        String card = cardOf("乐国窝铺村", 3);
        for (int i = 0; i < 4; i++) {
            assertEquals("kiosk.pin.wrong", kioskSession("leguo.kiosk1", card, "000" + i));
        }
        assertEquals("/self/login?error=wrong", selfSignIn("192.0.2.40", card, "0009"));
        assertEquals("/self/login?error=locked", selfSignIn("192.0.2.41", card, "1234"),
                "the fifth wrong PIN, at /self, locked the card for the right one too");
        assertEquals("kiosk.card.locked", kioskSession("leguo.kiosk1", card, "1234"), "and at the kiosk");
    }

    @Test
    void aKioskTryingWrongPinsOnManyCardsIsStopped() {
        for (int c = 0; c < 5; c++) {
            String card = cardOf("河东村", 10 + c);
            for (int i = 0; i < 4; i++) {
                assertEquals("kiosk.pin.wrong", kioskSession("hedong.kiosk1", card, "000" + i));
            }
        }
        assertEquals("kiosk.device.locked", kioskSession("hedong.kiosk1", cardOf("河东村", 20), "1234"));
        List<Throttles.Lock> locks = context.getBean(Throttles.class).locks();
        assertTrue(locks.stream().anyMatch(l -> l.subject().equals("device:hedong.kiosk1")), locks.toString());
    }

    /** {@code n} tries released at once by a latch, each on its own thread; their answers in the order sent. */
    static <T> List<T> race(int n, IntFunction<T> attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return attempt.apply(k);
                }));
            }
            start.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> answer : answers) {
                out.add(answer.get(2, TimeUnit.MINUTES));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A person of this test alone (a copy of {@code like}: role, scope, the demo password), so no other test's tries count. */
    static String freshPerson(Sql sql, String username, String like) {
        sql.update("INSERT INTO person (username, display_name, password_hash, role, region_id, household_id, "
                + "supermarket_id, active) SELECT ?, display_name, password_hash, role, region_id, household_id, "
                + "supermarket_id, true FROM person WHERE username = ?", username, like);
        return username;
    }

    private static long count(List<?> answers, Object answer) {
        return answers.stream().filter(answer::equals).count();
    }

    @Test
    void parallelWrongPasswordsOnOneAccountAreComparedNoMoreOftenThanOneAfterAnother() throws Exception {
        // 30 wrong passwords for one account from one address, released at once: each try is claimed (counted)
        // before its password is compared, so the five free tries and the one that starts the delay are compared
        // and the rest wait, as if they had come one after another (before: 30 compared, no 429)
        String user = freshPerson(sql(), "race.pw1", "hedong.c1");
        List<Integer> answers = race(30, i -> status(from("192.0.2.90", HttpRequest.POST("/api/login",
                Map.of("username", user, "password", "wrong-" + i)))));
        assertTrue(count(answers, 401) <= Throttles.ACCOUNT.free() + 1, "compared: " + answers);
        assertEquals(30, count(answers, 401) + count(answers, 429), answers.toString());
        assertEquals(429, status(from("192.0.2.91", HttpRequest.POST("/api/login",
                Map.of("username", user, "password", PASSWORD)))), "the right password waits too");
    }

    @Test
    void parallelWrongPasswordsFromOneAddressAreComparedNoMoreOftenThanOneAfterAnother() throws Exception {
        List<Integer> answers = race(30, i -> status(from("198.51.100.90", HttpRequest.POST("/api/login",
                Map.of("username", "race.nobody" + i, "password", "wrong")))));
        assertTrue(count(answers, 401) <= Throttles.ADDRESS.free() + 1, "compared: " + answers);
        assertEquals(30, count(answers, 401) + count(answers, 429), answers.toString());
    }

    @Test
    void parallelWrongPinsFromOneAddressAtSelfServiceAreComparedNoMoreOftenThanOneAfterAnother() throws Exception {
        List<String> answers = race(30, i -> selfSignIn("198.51.100.91", "99999900" + (10 + i), "0000"));
        assertTrue(count(answers, "/self/login?error=wrong") <= Throttles.ADDRESS.free() + 1, answers.toString());
        assertEquals(30, count(answers, "/self/login?error=wrong") + count(answers, "/self/login?error=locked"),
                answers.toString());
    }

    @Test
    void parallelWrongPinsFromOneKioskAreComparedNoMoreOftenThanOneAfterAnother() throws Exception {
        String kiosk = freshPerson(sql(), "race.kiosk", "hedong.kiosk1");
        List<String> cards = new ArrayList<>();
        for (int c = 0; c < 30; c++) {
            cards.add(cardOf("河东村", 30 + c));
        }
        assertEquals(30, new HashSet<>(cards).size(), "thirty cards");
        token(kiosk);
        // one wrong PIN on each of thirty cards: no card's own guard stops anything, the device's limit must
        List<String> answers = race(30, i -> kioskSession(kiosk, cards.get(i), "0000"));
        assertTrue(count(answers, "kiosk.pin.wrong") <= Throttles.DEVICE.free() + 1, answers.toString());
        assertEquals(30, count(answers, "kiosk.pin.wrong") + count(answers, "kiosk.device.locked"),
                answers.toString());
        cards.forEach(card -> context.getBean(CardPins.class).unlock(card));
    }

    @Test
    void guessingTheCurrentPasswordWhenChangingItIsThrottledLikeSigningIn() throws Exception {
        // the current password is compared through the same claim as signing in (Passwords): per account and per
        // address; before, thirty wrong ones were each answered 422 and never held back
        String user = freshPerson(sql(), "race.pw2", "hedong.c1");
        String token = freshToken(user, "192.0.2.92");
        Session browser = signIn(user);
        List<Integer> answers = race(30, i -> status(from("192.0.2.93", HttpRequest.PUT("/api/me/password",
                Map.of("current", "wrong-" + i, "chosen", "a-new-password-" + i)).bearerAuth(token))));
        assertTrue(count(answers, 422) <= Throttles.ACCOUNT.free() + 1, "compared: " + answers);
        assertEquals(30, count(answers, 422) + count(answers, 429), answers.toString());
        MutableHttpRequest<?> right = from("192.0.2.94", HttpRequest.PUT("/api/me/password",
                Map.of("current", PASSWORD, "chosen", "a-new-password")).bearerAuth(token));
        Refusal waiting = refusal(right);
        assertEquals(429, waiting.status(), "the right current password waits too");
        assertTrue(waiting.body().contains("秒后再试"), waiting.body());
        try {
            client.toBlocking().exchange(english(from("192.0.2.94", HttpRequest.PUT("/api/me/password",
                    Map.of("current", PASSWORD, "chosen", "a-new-password")).bearerAuth(token))), String.class);
            fail("held back");
        } catch (HttpClientResponseException e) {
            assertEquals(429, e.code());
            assertTrue(e.getResponse().header("Retry-After") != null, "Retry-After");
            assertTrue(e.getResponse().getBody(String.class).orElse("").contains("try again in"), "in English");
        }
        Map<String, String> fields = Map.of("current", PASSWORD, "chosen", "a-new-password",
                "confirm", "a-new-password");
        HttpResponse<String> page = form(browser, "/password", browser.csrf(), fields, null);
        assertEquals(429, page.code(), "the page's form waits too");
        assertTrue(page.body().contains("秒后再试"), page.body());
        HttpResponse<String> english = form(browser, "/password", browser.csrf(), fields, "en");
        assertTrue(english.body().contains("try again in"), english.body());
        assertTrue(context.getBean(Throttles.class).lift("account:" + user), "the county office lifts it");
        assertEquals(204, status(from("192.0.2.94", HttpRequest.PUT("/api/me/password",
                Map.of("current", PASSWORD, "chosen", "a-new-password")).bearerAuth(token))), "then it changes");
    }

    @Test
    void theCountyOfficeSeesALockAndLiftsItOnItsPage() {
        for (int i = 0; i < 20; i++) {
            status(from("203.0.113.9", HttpRequest.POST("/api/login", Map.of("username", "x" + i, "password", "y"))));
        }
        String page = page("wenmingban", "/ops/locks");
        assertTrue(page.contains("203.0.113.9"), "the locked address is listed");
        assertTrue(page.contains("15"), "what a lock costs is said");
        Session office = signIn("wenmingban");
        HttpResponse<String> lifted = form(office, "/ops/locks/lift", office.csrf(),
                Map.of("subject", "address:203.0.113.9"), null);
        assertEquals(303, lifted.code());
        assertEquals(0, sql().count("SELECT count(*) FROM access_throttle WHERE subject = 'address:203.0.113.9'"));
    }

    @Test
    void personalAnswersAreNeverStoredByACacheAndStaticAssetsMayBe() {
        String id = householdOf("河东村");
        for (String path : List.of("/api/households/" + id + "/passbook", "/api/households/" + id,
                "/households/" + id, "/api/households/export.csv")) {
            HttpResponse<String> answer = client.toBlocking().exchange(as(ADMIN, HttpRequest.GET(path)
                    .accept(MediaType.ALL_TYPE)), String.class);
            assertEquals("no-store", answer.header("Cache-Control"), path);
        }
        HttpResponse<String> token = client.toBlocking().exchange(from("192.0.2.50", HttpRequest.POST("/api/login",
                Map.of("username", ADMIN, "password", PASSWORD))), String.class);
        assertEquals("no-store", token.header("Cache-Control"), "the token answer");
        Refusal refusal = refusal(HttpRequest.GET("/api/households/" + id));
        assertEquals(401, refusal.status());
        HttpResponse<String> css = client.toBlocking().exchange(HttpRequest.GET("/static/css/app.css"), String.class);
        assertNotEquals("no-store", css.header("Cache-Control"));
    }

    @Test
    void aVillagerCannotWithdrawADeedSomeoneElseReportedButMayTheirOwnSelfReport() {
        String home = (String) sql().single("SELECT household_id FROM person WHERE username = 'hedong.villager'");
        long rule = sql().count("SELECT min(id) FROM rule_item WHERE village_id IS NULL AND code = 'SOC-01'");
        Map<String, Object> report = Map.of("householdId", home, "ruleId", rule,
                "deedDate", AppTest.countyToday().toString(), "description", "帮邻居修屋顶");
        String byGridWorker = (String) client.toBlocking().retrieve(as("hedong.grid1",
                HttpRequest.POST("/api/deeds", report)), Map.class).get("deedId");
        String selfReport = (String) client.toBlocking().retrieve(as("hedong.villager",
                HttpRequest.POST("/api/deeds", report)), Map.class).get("deedId");
        Eventually.until("both deeds", () -> sql().count(
                "SELECT count(*) FROM deed_view WHERE deed_id IN (?, ?)", byGridWorker, selfReport) == 2);
        refused(403, as("hedong.villager", HttpRequest.POST("/api/deeds/" + byGridWorker + "/withdrawal",
                Map.of("reason", "不想要"))));
        assertEquals(204, status(as("hedong.villager", HttpRequest.POST("/api/deeds/" + selfReport + "/withdrawal",
                Map.of("reason", "报错了")))));
    }
}
