package cn.moralbank.web.ratings;

import cn.moralbank.web.testing.AppTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.cookie.Cookie;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A person at a browser: signs in through the sign-in form (a password, or a household card and its PIN), keeps the
 * cookies a browser keeps, opens pages and sends forms with the CSRF token as the pages' forms do.
 */
final class Browser {
    private final HttpClient client;
    private final HttpClient noRedirects;
    private Cookie csrf;
    private Cookie session;

    Browser(HttpClient client, HttpClient noRedirects) {
        this.client = client;
        this.noRedirects = noRedirects;
        HttpResponse<String> login = client.toBlocking().exchange(HttpRequest.GET("/login"), String.class);
        Matcher m = Pattern.compile("_csrf=([A-Za-z0-9_-]+)").matcher(login.body());
        assertTrue(m.find(), "the sign-in form carries a CSRF token");
        csrf = Cookie.of("mb_csrf", m.group(1));
    }

    Browser signIn(String username) {
        HttpResponse<String> answer = post("/login", Map.of("username", username, "password", AppTest.PASSWORD));
        session = answer.getCookie("JWT").orElseThrow(() -> new AssertionError("no session for " + username + ": "
                + answer.code() + " " + answer.getHeaders().asMap() + " " + answer.getBody(String.class).orElse("")));
        // the sign-in replaces the CSRF token, as a browser's cookie jar would take it
        answer.getCookie("mb_csrf").ifPresent(c -> csrf = c);
        return this;
    }

    /** Signs in at /self/login; answers where the browser is sent (/self, or back to the form with the error). */
    String signInWithCard(String card, String pin) {
        HttpResponse<String> answer = post("/self/login", Map.of("card", card, "pin", pin));
        answer.getCookie("JWT").ifPresent(c -> session = c);
        answer.getCookie("mb_csrf").ifPresent(c -> csrf = c);
        return answer.header("Location");
    }

    HttpResponse<String> page(String path) {
        return client.toBlocking().exchange(HttpRequest.GET(path).accept(MediaType.TEXT_HTML_TYPE)
                .cookies(cookies()), String.class);
    }

    /** The status of a page that is refused. */
    int refused(String path) {
        try {
            HttpResponse<String> response = page(path);
            throw new AssertionError("expected a refusal of " + path + ", got " + response.code());
        } catch (HttpClientResponseException e) {
            return e.code();
        }
    }

    /** The status of a JSON request with the browser's session (no page asked for). */
    int status(String path) {
        try {
            return client.toBlocking().exchange(HttpRequest.GET(path).cookies(cookies()), String.class).code();
        } catch (HttpClientResponseException e) {
            return e.code();
        }
    }

    Map<?, ?> json(String path) {
        return client.toBlocking().retrieve(HttpRequest.GET(path).cookies(cookies()), Map.class);
    }

    HttpResponse<byte[]> download(String path) {
        return client.toBlocking().exchange(HttpRequest.GET(path).cookies(cookies()), byte[].class);
    }

    /** Sends a form as a browser does; answers the redirect (or the error page) without following it. */
    HttpResponse<String> post(String path, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        try {
            return noRedirects.toBlocking().exchange(HttpRequest.POST(path + "?_csrf=" + csrf.getValue(), body)
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    // as a browser asks: pages first, anything else after (the sign-in endpoint answers no page)
                    .accept(MediaType.TEXT_HTML_TYPE, MediaType.ALL_TYPE)
                    .cookies(cookies()), String.class);
        } catch (HttpClientResponseException e) {
            @SuppressWarnings("unchecked")
            HttpResponse<String> refusal = (HttpResponse<String>) e.getResponse();
            return refusal;
        }
    }

    /** The signed-in session's cookie, for a request made by hand (another language, say). */
    Cookie sessionCookie() {
        return session;
    }

    private Set<Cookie> cookies() {
        Map<String, Cookie> all = new LinkedHashMap<>();
        all.put(csrf.getName(), csrf);
        if (session != null) {
            all.put(session.getName(), session);
        }
        return Set.copyOf(all.values());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
