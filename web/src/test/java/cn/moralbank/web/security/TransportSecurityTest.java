package cn.moralbank.web.security;

import cn.moralbank.web.testing.AppTest;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The session cookie is Secure when the sign-in came over TLS (here: through a proxy saying X-Forwarded-Proto:
 * https), HttpOnly and SameSite=Lax always; the security headers are on every kind of answer, refusals included;
 * the household export routes are not shadowed by {@code /api/households/{id}}.
 */
@MicronautTest(transactional = false)
class TransportSecurityTest extends AppTest {

    @Test
    void theSessionCookieIsSecureOnlyWhenTheSignInCameOverHttps() {
        String overHttps = jwtCookie(signIn("https"));
        assertTrue(flags(overHttps).contains("secure"), overHttps);
        assertTrue(flags(overHttps).contains("httponly"), overHttps);
        assertTrue(overHttps.contains("SameSite=Lax"), overHttps);

        String plain = jwtCookie(signIn(null));
        assertFalse(flags(plain).contains("secure"), "plain HTTP on the village network: " + plain);
        assertTrue(flags(plain).contains("httponly"), plain);
        assertTrue(plain.contains("SameSite=Lax"), plain);

        String proxiedHttp = jwtCookie(signIn("http"));
        assertFalse(flags(proxiedHttp).contains("secure"), proxiedHttp);
    }

    @Test
    void theCsrfAndLanguageCookiesAreLaxAndSecureOverHttps() {
        HttpResponse<String> login = noRedirects().toBlocking().exchange(HttpRequest.GET("/login")
                .header("X-Forwarded-Proto", "https"), String.class);
        String csrf = setCookie(login, "mb_csrf=");
        assertTrue(flags(csrf).contains("secure") && csrf.contains("SameSite=Lax"), csrf);

        HttpResponse<String> lang = noRedirects().toBlocking().exchange(HttpRequest.GET("/lang/en?back=/login"),
                String.class);
        String plain = setCookie(lang, "lang=");
        assertTrue(plain.contains("SameSite=Lax"), plain);
        assertFalse(flags(plain).contains("secure"), plain);
        String secure = setCookie(noRedirects().toBlocking().exchange(HttpRequest.GET("/lang/en?back=/login")
                .header("X-Forwarded-Proto", "https"), String.class), "lang=");
        assertTrue(flags(secure).contains("secure") && secure.contains("SameSite=Lax"), secure);
    }

    @Test
    void everyKindOfAnswerCarriesTheSecurityHeaders() {
        assertHeaders("page", 200, HttpRequest.GET("/login").accept(MediaType.TEXT_HTML_TYPE));
        assertHeaders("API 200", 200, as("hedong.admin", HttpRequest.GET("/api/households")));
        assertHeaders("API 401", 401, HttpRequest.GET("/api/households"));
        assertHeaders("API 403", 403, as("hedong.villager", HttpRequest.GET("/api/households")));
        assertHeaders("404", 404, as("hedong.admin", HttpRequest.GET("/api/no-such-thing")));
        assertHeaders("page 404", 404, HttpRequest.GET("/no-such-page").accept(MediaType.TEXT_HTML_TYPE));
        assertHeaders("static asset", 200, HttpRequest.GET(asset()));
    }

    @Test
    void everyErrorAnswerIsNeverStoredWhateverItsPathStaticAssetsIncluded() {
        for (String path : List.of("/static/no-such.css", "/static/css/no-such.js", "/vendor/echarts/no-such.js",
                "/static/", "/favicon.ico.bak", "/static/%2e%2e/application.yml")) {
            HttpResponse<?> answer = answer(HttpRequest.GET(path).accept(MediaType.ALL_TYPE));
            assertTrue(answer.code() >= 400, path + ": " + answer.code());
            assertEquals("no-store", answer.header("Cache-Control"), path + " " + answer.code());
        }
        assertHeaders("static 404", 404, HttpRequest.GET("/static/no-such.css"));
        HttpResponse<?> css = answer(HttpRequest.GET(asset()));
        assertEquals(200, css.code());
        assertNotEquals("no-store", css.header("Cache-Control"), "a stylesheet that exists may be kept");
    }

    private HttpResponse<?> answer(MutableHttpRequest<?> request) {
        try {
            return noRedirects().toBlocking().exchange(request, Argument.of(String.class), Argument.of(String.class));
        } catch (HttpClientResponseException e) {
            return e.getResponse();
        }
    }

    @Test
    void staticAssetsAreOnlyReadEveryOtherMethodIs405() {
        for (String path : List.of("/static/css/app.css", "/vendor/echarts/echarts.min.js", "/static/no-such.css")) {
            for (HttpMethod method : List.of(HttpMethod.POST,
                    HttpMethod.PUT, HttpMethod.DELETE,
                    HttpMethod.PATCH)) {
                Refusal refusal = refusal(HttpRequest.create(method, path).body("x")
                        .contentType(MediaType.TEXT_PLAIN_TYPE));
                assertEquals(405, refusal.status(), method + " " + path);
                assertTrue(refusal.contentType().contains("problem+json"), method + " " + path);
            }
        }
        assertEquals(200, client.toBlocking().exchange(HttpRequest.GET("/static/css/app.css"), String.class).code());
    }

    @Test
    void aLanguageWeDoNotHaveFallsBackToChineseNotEnglish() {
        for (String header : List.of("fr", "de-DE,de;q=0.9", "xx", "ja-JP", "*", "not a language", "fr;q=1, ru;q=0.5")) {
            String page = client.toBlocking().retrieve(HttpRequest.GET("/login").header("Accept-Language", header));
            assertTrue(page.contains("登录") && !page.contains("Sign in"), header + ": " + page.substring(0, 200));
            HttpResponse<?> refused = answer(HttpRequest.GET("/api/households").header("Accept-Language", header));
            String body = String.valueOf(refused.getBody(String.class).orElse(""));
            assertEquals(401, refused.code(), header);
            assertTrue(body.contains("请重新登录"), header + ": " + body);
        }
        for (String cookie : List.of("fr", "de", "xx-YY", "../en")) {
            String page = client.toBlocking().retrieve(HttpRequest.GET("/login").cookie(Cookie.of("lang", cookie)));
            assertTrue(page.contains("登录") && !page.contains("Sign in"), "cookie " + cookie);
        }
        // a language we have is still found among others, and the switch still works
        assertTrue(client.toBlocking().retrieve(HttpRequest.GET("/login").header("Accept-Language",
                "fr;q=1, en;q=0.5")).contains("Sign in"));
        assertTrue(client.toBlocking().retrieve(HttpRequest.GET("/login").cookie(Cookie.of("lang", "en")))
                .contains("Sign in"));
        assertTrue(client.toBlocking().retrieve(HttpRequest.GET("/login").header("Accept-Language", "en-GB"))
                .contains("Sign in"));
    }

    @Test
    void theExportIsRefusedNotMistakenForAHouseholdId() {
        for (String user : List.of("hedong.c1", "hedong.grid1", "hedong.villager")) {
            for (String file : List.of("/api/households/export.csv", "/api/households/export.xlsx")) {
                Refusal refusal = refusal(as(user, HttpRequest.GET(file)).accept(MediaType.ALL_TYPE));
                assertEquals(403, refusal.status(), user + " " + file + ": " + refusal.body());
            }
        }
        HttpResponse<String> allowed = exchange(as("hedong.admin", HttpRequest.GET("/api/households/export.csv"))
                .accept(MediaType.ALL_TYPE), String.class);
        assertEquals(200, allowed.code());
    }

    private void assertHeaders(String what, int status, MutableHttpRequest<?> request) {
        HttpResponse<?> answer;
        try {
            answer = noRedirects().toBlocking().exchange(request, Argument.of(String.class), Argument.of(String.class));
        } catch (HttpClientResponseException e) {
            answer = e.getResponse();
        }
        assertEquals(status, answer.code(), what);
        String csp = answer.header("Content-Security-Policy");
        assertNotNull(csp, what + ": no CSP");
        assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("default-src 'self'"), what + ": " + csp);
        assertEquals("nosniff", answer.header("X-Content-Type-Options"), what);
        assertEquals("DENY", answer.header("X-Frame-Options"), what);
        assertEquals("same-origin", answer.header("Referrer-Policy"), what);
    }

    /** A stylesheet the sign-in page links to. */
    private String asset() {
        String page = client.toBlocking().retrieve(HttpRequest.GET("/login"));
        Matcher m = Pattern.compile("href=\"(/[^\"]+\\.css)[^\"]*\"").matcher(page);
        assertTrue(m.find(), "the sign-in page links a stylesheet");
        return m.group(1);
    }

    private HttpResponse<String> signIn(String forwardedProto) {
        HttpResponse<String> login = client.toBlocking().exchange(HttpRequest.GET("/login"), String.class);
        Matcher m = Pattern.compile("_csrf=([A-Za-z0-9_-]+)").matcher(login.body());
        assertTrue(m.find());
        MutableHttpRequest<String> post = HttpRequest.POST("/login?_csrf=" + m.group(1),
                        "username=hedong.admin&password=" + PASSWORD)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).cookie(Cookie.of("mb_csrf", m.group(1)));
        if (forwardedProto != null) {
            post.header("X-Forwarded-Proto", forwardedProto);
        }
        HttpResponse<String> answer = noRedirects().toBlocking().exchange(post, String.class);
        assertEquals(303, answer.code());
        return answer;
    }

    private static String jwtCookie(HttpResponse<?> answer) {
        return setCookie(answer, "JWT=");
    }

    private static String setCookie(HttpResponse<?> answer, String prefix) {
        return answer.getHeaders().getAll("Set-Cookie").stream().filter(c -> c.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + " cookie in " + answer.getHeaders()
                        .getAll("Set-Cookie")));
    }

    /** The cookie's attributes after its value, lower case: "httponly", "secure", "path=/"... */
    private static List<String> flags(String setCookie) {
        String[] parts = setCookie.split(";");
        return Arrays.stream(parts).skip(1).map(p -> p.strip().toLowerCase(Locale.ROOT)).toList();
    }
}
