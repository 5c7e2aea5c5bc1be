package cn.moralbank.web.hostile;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What a session is bound to (issue 14, the holes left open): the CSRF token to the session itself, a villager's
 * self-service session to the card's PIN, a token's role and scope to the person's record.
 */
@MicronautTest(transactional = false)
class SessionBindingTest extends HostileTest {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(super.getProperties());
        props.put("moralbank.trusted-proxies", "127.0.0.1,::1");
        return props;
    }

    private int status(MutableHttpRequest<?> request) {
        try {
            return noRedirects().toBlocking().exchange(request, String.class).code();
        } catch (HttpClientResponseException e) {
            return e.code();
        }
    }

    private Map<String, String> newHousehold() {
        return Map.of("headName", "钱大有", "gridCode", hedongGrid());
    }

    @Test
    void aPlantedCsrfPairDoesNotPassForASignedInSessionAndEachSignInHasItsOwnToken() {
        Session session = signIn(ADMIN);
        // a neighbouring site or a shared PC planted a CSRF cookie and knows its value: the browser sends the
        // victim's session cookie with it, and the forged form repeats the planted value
        String planted = "planted-by-someone-else";
        HttpResponse<String> forged = form(new Session(planted, session.jwt()), "/households", planted,
                newHousehold(), null);
        assertEquals(403, forged.code(), "a planted pair does not pass");
        // the signed-in page's forms carry the token of this session, and it passes
        String page = noRedirects().toBlocking().retrieve(HttpRequest.GET("/households/new")
                .accept(MediaType.TEXT_HTML_TYPE).cookies(session.cookies()));
        assertTrue(page.contains("_csrf=" + session.csrf()), "the page's form carries the session's token");
        assertEquals(303, form(session, "/households", session.csrf(), newHousehold(), null).code());
        Session again = signIn(ADMIN);
        assertNotEquals(session.csrf(), again.csrf(), "a new sign-in, a new token");
        assertEquals(403, form(new Session(session.csrf(), again.jwt()), "/households", session.csrf(),
                newHousehold(), null).code(), "another session's token (cookie and form) does not pass");
    }

    /** The card of the village's n-th household, its PIN set to the given one by the village's administrator. */
    private String cardWithPin(int n, String pin) {
        String id = (String) sql().single("""
                SELECT h.id FROM household h JOIN region r ON h.region_path LIKE r.path || '%'
                WHERE r.name = '河东村' AND h.status = 'ACTIVE' ORDER BY h.card_number OFFSET ? LIMIT 1""", n);
        setPin(id, pin);
        return (String) sql().single("SELECT card_number FROM household WHERE id = ?", id);
    }

    private void setPin(String household, String pin) {
        client.toBlocking().exchange(as(ADMIN, HttpRequest.PUT("/api/households/" + household + "/pin",
                Map.of("pin", pin))));
    }

    /** Signs in at /self/login as a phone does; the session cookie, or null when refused. */
    private String selfSession(String address, String card, String pin) {
        HttpResponse<String> answer = noRedirects().toBlocking().exchange(HttpRequest.POST("/self/login?_csrf=t",
                        "card=" + card + "&pin=" + pin).header("X-Forwarded-For", address)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).cookie(Cookie.of("mb_csrf", "t")), String.class);
        return answer.getCookie("JWT").map(Cookie::getValue).orElse(null);
    }

    private int selfPage(String session) {
        return status(HttpRequest.GET("/self").accept(MediaType.TEXT_HTML_TYPE).cookie(Cookie.of("JWT", session)));
    }

    @Test
    void aPinChangeEndsTheHouseholdsSelfServiceSessionsAtOnce() throws Exception {
        String card = cardWithPin(30, "1234");
        String phone = selfSession("192.0.2.60", card, "1234");
        String otherPhone = selfSession("192.0.2.61", card, "1234");
        assertNotNull(phone, "signed in with the card");
        assertEquals(200, selfPage(phone));
        String id = (String) sql().single("SELECT id FROM household WHERE card_number = ?", card);
        setPin(id, "5678");
        long changed = System.nanoTime();
        while (selfPage(phone) == 200 && System.nanoTime() - changed < 1_500_000_000L) {
            Thread.sleep(100);
        }
        assertNotEquals(200, selfPage(phone), "the session of the old PIN is over");
        assertNotEquals(200, selfPage(otherPhone), "every session of the card");
        assertNull(selfSession("192.0.2.62", card, "1234"), "the old PIN signs in no more");
        assertEquals(200, selfPage(selfSession("192.0.2.62", card, "5678")), "the new one does");
    }

    private String freshToken(String username) {
        Map<?, ?> answer = client.toBlocking().retrieve(HttpRequest.POST("/api/login",
                Map.of("username", username, "password", PASSWORD)).header("X-Forwarded-For", "192.0.2.70"), Map.class);
        return (String) answer.get("access_token");
    }

    /** Waits at most 1.5 s (the standing is cached a second per subject) for the request to answer the status. */
    private int within(int expected, MutableHttpRequest<?> request) throws InterruptedException {
        long start = System.nanoTime();
        int got = status(request);
        while (got != expected && System.nanoTime() - start < 1_500_000_000L) {
            Thread.sleep(100);
            got = status(request);
        }
        return got;
    }

    @Test
    void aRoleOrScopeChangedInThePersonsRecordTakesEffectOnItsTokenAtOnceEvenWithoutARevoke() throws Exception {
        String token = freshToken("hedong.c1");
        String hedong = householdOf("河东村");
        String leguo = householdOf("乐国窝铺村");
        assertEquals(403, status(HttpRequest.GET("/api/households/export.csv").bearerAuth(token)),
                "a committee member may not export");
        sql().update("UPDATE person SET role = 'VILLAGE_ADMIN' WHERE username = 'hedong.c1'");
        assertEquals(200, within(200, HttpRequest.GET("/api/households/export.csv").bearerAuth(token)),
                "the role of the record, not the token's");
        assertEquals(200, status(HttpRequest.GET("/api/households/" + hedong).bearerAuth(token)));
        assertEquals(403, status(HttpRequest.GET("/api/households/" + leguo).bearerAuth(token)));
        sql().update("UPDATE person SET region_id = (SELECT id FROM region WHERE name = '乐国窝铺村') "
                + "WHERE username = 'hedong.c1'");
        assertEquals(403, within(403, HttpRequest.GET("/api/households/" + hedong).bearerAuth(token)),
                "the old scope is refused");
        assertEquals(200, status(HttpRequest.GET("/api/households/" + leguo).bearerAuth(token)),
                "the new scope is the record's");
    }
}
