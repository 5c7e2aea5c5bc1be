package cn.moralbank.web.security;

import cn.moralbank.web.testing.AppTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

@MicronautTest(transactional = false)
class SignInTest extends AppTest {

    @Test
    void theSignInPageSpeaksChineseAndCarriesACsrfToken() {
        HttpResponse<String> page = client.toBlocking().exchange(HttpRequest.GET("/login"), String.class);
        assertEquals(200, page.code());
        assertTrue(page.body().contains("登录"));
        assertTrue(page.getCookie("mb_csrf").isPresent());
        assertTrue(page.body().contains("_csrf=" + page.getCookie("mb_csrf").get().getValue()));
    }

    @Test
    void aFormSignInWithTheTokenSetsAnHttpOnlySameSiteCookie() {
        String csrf = csrfCookie();
        HttpResponse<String> answer = noRedirects().toBlocking().exchange(HttpRequest.POST("/login?_csrf=" + csrf,
                        "username=hedong.admin&password=" + PASSWORD)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).cookie(Cookie.of("mb_csrf", csrf)),
                String.class);
        assertEquals(303, answer.code());
        String setCookie = answer.getHeaders().getAll("Set-Cookie").stream().filter(c -> c.startsWith("JWT="))
                .findFirst().orElseThrow();
        assertTrue(setCookie.toLowerCase().contains("httponly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Lax"), setCookie);
    }

    @Test
    void aFormPostWithoutTheCsrfTokenIsRefusedBeforeSignIn() {
        var refusal = refusal(HttpRequest.POST("/login", "username=hedong.admin&password=" + PASSWORD)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED));
        assertEquals(403, refusal.status());
        String csrf = csrfCookie();
        var wrong = refusal(HttpRequest.POST("/login?_csrf=forged", "username=hedong.admin&password=" + PASSWORD)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).cookie(Cookie.of("mb_csrf", csrf)));
        assertEquals(403, wrong.status());
    }

    @Test
    void theApiSignInAnswersABearerToken() {
        Map<?, ?> answer = client.toBlocking().retrieve(HttpRequest.POST("/api/login",
                Map.of("username", "hedong.admin", "password", PASSWORD)), Map.class);
        assertEquals("Bearer", answer.get("token_type"));
        assertEquals("VILLAGE_ADMIN", answer.get("role"));
        assertFalse(((String) answer.get("access_token")).isBlank());
    }

    @Test
    void aWrongPasswordIs401AndAfterFiveMoreWrongOnesTheAccountWaits() {
        for (int i = 0; i < 6; i++) {
            var refusal = refusal(HttpRequest.POST("/api/login", Map.of("username", "leying.c1", "password", "wrong-" + i)));
            assertEquals(401, refusal.status());
        }
        var waiting = refusal(HttpRequest.POST("/api/login", Map.of("username", "leying.c1", "password", PASSWORD)));
        assertEquals(429, waiting.status(), "the right password waits too while the account is held back");
        assertTrue(waiting.body().contains("秒后再试"), waiting.body());
    }

    @Test
    void everyApiNeedsSignInAndAnswersProblemJson() {
        var refusal = refusal(HttpRequest.GET("/api/households"));
        assertEquals(401, refusal.status());
        assertTrue(refusal.contentType().startsWith("application/problem+json"), refusal.contentType());
        var forged = refusal(HttpRequest.GET("/api/households").bearerAuth("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ3ZW5taW5nYmFuIn0."));
        assertEquals(401, forged.status(), "an alg:none token is not a token");
    }

    @Test
    void aPageAskedForWithoutSignInShowsTheSignInPage() {
        // the client follows the redirect to /login
        HttpResponse<String> answer = client.toBlocking().exchange(
                HttpRequest.GET("/households").accept(MediaType.TEXT_HTML_TYPE), String.class);
        assertEquals(200, answer.code());
        assertTrue(answer.body().contains("name=\"password\""));
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        HttpResponse<String> page = client.toBlocking().exchange(HttpRequest.GET("/login"), String.class);
        assertTrue(page.header("Content-Security-Policy").contains("frame-ancestors 'none'"));
        assertEquals("nosniff", page.header("X-Content-Type-Options"));
        assertEquals("DENY", page.header("X-Frame-Options"));
    }

    private String csrfCookie() {
        HttpResponse<String> page = client.toBlocking().exchange(HttpRequest.GET("/login"), String.class);
        Matcher m = Pattern.compile("_csrf=([A-Za-z0-9_-]+)").matcher(page.body());
        assertTrue(m.find());
        return m.group(1);
    }
}
