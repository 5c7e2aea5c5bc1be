package cn.moralbank.web.hostile;

import cn.moralbank.web.testing.AppTest;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.cookie.Cookie;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Base of the hostile-input catalogue (docs/reliability.md): every bad input answers 4xx with a message in the
 * caller's language and changes nothing. {@link #unchanged} compares the event store and the tables a bad input could
 * touch before and after the request.
 */
abstract class HostileTest extends AppTest {
    static final String ADMIN = "hedong.admin";
    private static final List<String> TABLES = List.of("domain_event_entry", "household", "person", "deed_photo",
            "product", "product_price", "checkout", "rule_version", "voucher_batch", "supermarket", "report");

    /** Row counts of every table a bad input could write, the event store first. */
    Map<String, Long> snapshot() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, sql().count("SELECT count(*) FROM " + table));
        }
        return counts;
    }

    /** Runs a refused request and checks that it changed no table and recorded no event. */
    <T> T unchanged(Supplier<T> refused) {
        Map<String, Long> before = snapshot();
        T answer = refused.get();
        assertEquals(before, snapshot(), "a refusal changes nothing: " + answer);
        return answer;
    }

    /** The refusal of an API request, checked: its status, problem+json, and words of its message. */
    Refusal refused(int status, MutableHttpRequest<?> request, String... words) {
        Refusal refusal = unchanged(() -> refusal(request));
        assertEquals(status, refusal.status(), refusal.body());
        assertTrue(refusal.contentType().startsWith("application/problem+json"), refusal.contentType());
        for (String w : words) {
            assertTrue(refusal.body().contains(w), "'" + w + "' in " + refusal.body());
        }
        return refusal;
    }

    static <T> MutableHttpRequest<T> english(MutableHttpRequest<T> request) {
        return request.header("Accept-Language", "en");
    }

    String hedongGrid() {
        return (String) sql().single("SELECT code FROM region WHERE name = '第一网格' AND path LIKE "
                + "(SELECT path FROM region WHERE name = '河东村') || '%'");
    }

    /** A household registered now in 河东村's first grid, with the base score (60) and nothing else. */
    String freshHousehold(String headName) {
        HttpResponse<Map> created = exchange(as(ADMIN, HttpRequest.POST("/api/households",
                Map.of("headName", headName, "gridCode", hedongGrid()))), Map.class);
        String id = (String) created.body().get("id");
        awaitBalance(id, 60);
        return id;
    }

    /** A page as a signed-in browser gets it (bearer token here; pages accept it as the session cookie). */
    String page(String username, String path) {
        HttpResponse<String> answer = client.toBlocking().exchange(as(username, HttpRequest.GET(path)
                .accept(MediaType.TEXT_HTML_TYPE)), String.class);
        assertEquals(200, answer.code(), path);
        return answer.body();
    }

    /** A browser's session after the sign-in form: its CSRF token and its JWT cookie. */
    record Session(String csrf, String jwt) {
        Set<Cookie> cookies() {
            return Set.of(Cookie.of("mb_csrf", csrf),
                    Cookie.of("JWT", jwt));
        }
    }

    Session signIn(String username) {
        String login = client.toBlocking().retrieve(HttpRequest.GET("/login"), String.class);
        Matcher m = Pattern.compile("_csrf=([A-Za-z0-9_-]+)").matcher(login);
        assertTrue(m.find(), "the sign-in form carries a CSRF token");
        String csrf = m.group(1);
        HttpResponse<String> answer = noRedirects().toBlocking().exchange(HttpRequest.POST("/login?_csrf=" + csrf,
                        "username=" + username + "&password=" + PASSWORD)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .cookie(Cookie.of("mb_csrf", csrf)), String.class);
        // the sign-in replaces the CSRF token, as a browser's cookie jar would take it
        return new Session(answer.getCookie("mb_csrf").orElseThrow().getValue(),
                answer.getCookie("JWT").orElseThrow().getValue());
    }

    /** A form sent as a browser sends it, with {@code csrf} as the action's token (null: none); not redirected. */
    HttpResponse<String> form(Session session, String path, String csrf, Map<String, String> fields, String lang) {
        String body = fields.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        MutableHttpRequest<String> request = HttpRequest.POST(csrf == null ? path : path + "?_csrf=" + csrf, body)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).accept(MediaType.TEXT_HTML_TYPE, MediaType.ALL_TYPE)
                .cookies(session.cookies());
        if (lang != null) {
            request.header("Accept-Language", lang);
        }
        try {
            return noRedirects().toBlocking().exchange(request, String.class);
        } catch (HttpClientResponseException e) {
            @SuppressWarnings("unchecked")
            HttpResponse<String> refusal = (HttpResponse<String>) e.getResponse();
            return refusal;
        }
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String bodyOf(HttpResponse<String> answer) {
        return answer.getBody(String.class).orElse("");
    }

    /** The hostile text appears on the page only escaped: never as live markup. */
    static void escaped(String html, String raw, String escaped, String where) {
        assertFalse(html.contains(raw), where + " shows the markup unescaped");
        assertTrue(html.contains(escaped), where + " shows the text, escaped");
    }

    /** A real token's claims (hedong.c1's), changed, re-signed with the application's own secret. */
    protected String forged(UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(token("hedong.c1")).getJWTClaimsSet();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
                change.apply(new JWTClaimsSet.Builder(claims)).build());
        jwt.sign(new MACSigner(JWT_SECRET));
        return jwt.serialize();
    }

    /**
     * A household file sent to the import preview as the administrator, the multipart body written byte by byte as a
     * hostile client would (the framework's client refuses some file names).
     */
    protected java.net.http.HttpResponse<String> importPreview(String fileName, String csv) throws Exception {
        String body = "--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--b0undary--\r\n";
        return HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        URI.create(server.getURL() + "/api/households/import/preview"))
                .header("Authorization", "Bearer " + token(ADMIN))
                .header("Content-Type", "multipart/form-data; boundary=b0undary")
                .header("Accept", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }
}
