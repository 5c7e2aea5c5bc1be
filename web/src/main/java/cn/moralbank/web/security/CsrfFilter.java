package cn.moralbank.web.security;

import cn.moralbank.web.i18n.Messages;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * CSRF protection for browser forms. Every form repeats a token as the {@code _csrf} query parameter of its action
 * (or the X-CSRF-Token header from scripts); every unsafe request carrying the session cookie, and every form
 * without a bearer token, is refused without the right token before any controller runs. Bearer-token API calls
 * without the session cookie are exempt: a forged page cannot make them.
 *
 * <p>Signed in, the right token is bound to the session: an HMAC, under a key derived from the application's
 * secret, of the session cookie's value. A value planted in the browser (a cookie pair set by a neighbouring site or
 * a shared PC) never matches it, nothing in a cookie other than the session itself decides it, and it changes at
 * every sign-in with the session. The {@value #COOKIE} cookie then only carries the same value for scripts and
 * tests. Before sign-in (the sign-in forms) there is no session to bind to: the token is a random value in the
 * HttpOnly {@value #COOKIE} cookie, repeated by the form (double submit). (micronaut-security-csrf is not in the
 * Maven Central reachable here; docs/adr/0005-csrf.md.)
 */
@ServerFilter("/**")
class CsrfFilter implements Ordered {
    static final String COOKIE = "mb_csrf";
    static final String PARAMETER = "_csrf";
    static final String HEADER = "X-CSRF-Token";
    static final String ATTRIBUTE = "moralbank.csrf";
    /** micronaut-security's JWT cookie: its presence means a browser session a forged request could ride on. */
    static final String SESSION_COOKIE = "JWT";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final boolean secureCookie;
    private final Messages messages;
    private final ErrorResponseProcessor<?> problems;
    private final SecretKeySpec key;

    CsrfFilter(@Value("${moralbank.cookie-secure:false}") boolean secureCookie,
               @Value("${moralbank.jwt-secret}") String secret,
               Messages messages, ErrorResponseProcessor<?> problems) {
        this.secureCookie = secureCookie;
        this.messages = messages;
        this.problems = problems;
        this.key = new SecretKeySpec(sha256("moral-bank csrf\u0000" + secret), "HmacSHA256");
    }

    @Override
    public int getOrder() {
        // before security, so a forged post never reaches authentication or a controller
        return ServerFilterPhase.SECURITY.before();
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        String session = sessionOf(request);
        String expected = session != null ? bound(session)
                : request.getCookies().findCookie(COOKIE).map(Cookie::getValue).orElse(null);
        request.setAttribute(ATTRIBUTE, expected != null ? expected : newToken());
        if (SAFE.contains(request.getMethod()) || !sentByBrowserForm(request)) {
            return null;
        }
        String sent = request.getParameters().getFirst(PARAMETER)
                .or(() -> request.getHeaders().findFirst(HEADER)).orElse(null);
        if (expected == null || sent == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                sent.getBytes(StandardCharsets.UTF_8))) {
            // an error page for a browser, problem+json for a script, in the caller's language
            return problems.processResponse(ErrorContext.builder(request)
                    .errorMessage(messages.get(request, "csrf.invalid")).build(),
                    HttpResponse.status(HttpStatus.FORBIDDEN));
        }
        return null;
    }

    @ResponseFilter
    void issue(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String signedIn = newSession(response);
        if (signedIn != null) {
            // a new session has its own token: a value planted in the browser before sign-in does not survive it
            response.cookie(cookie(bound(signedIn)));
        } else if (request.getCookies().findCookie(COOKIE).isEmpty()) {
            request.getAttribute(ATTRIBUTE, String.class).ifPresent(token -> response.cookie(cookie(token)));
        }
    }

    private Cookie cookie(String token) {
        return Cookie.of(COOKIE, token).httpOnly(true).sameSite(SameSite.Lax).path("/").secure(secureCookie);
    }

    /** The session an answer sets (sign-in; sign-out clears the cookie with an empty value), or null. */
    private static String newSession(MutableHttpResponse<?> response) {
        return response.getHeaders().getAll(HttpHeaders.SET_COOKIE).stream()
                .filter(c -> c.startsWith(SESSION_COOKIE + "="))
                .map(c -> c.substring(SESSION_COOKIE.length() + 1).split(";", 2)[0].strip())
                .filter(value -> !value.isEmpty())
                .findFirst().orElse(null);
    }

    private static String sessionOf(HttpRequest<?> request) {
        return request.getCookies().findCookie(SESSION_COOKIE).map(Cookie::getValue)
                .filter(value -> !value.isBlank()).orElse(null);
    }

    /** The token of a session: HMAC-SHA256 of its cookie under the CSRF key, URL-safe Base64. */
    String bound(String session) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(session.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /**
     * Whether a browser could have sent this request on its own: anything carrying the session cookie (whatever other
     * headers say: a bearer header beside the cookie does not make it an API client), and any form or upload that no
     * bearer token vouches for (the sign-in forms). A request with a bearer token and no session cookie is an API
     * client, which a forged page cannot make.
     */
    private static boolean sentByBrowserForm(HttpRequest<?> request) {
        if (request.getCookies().contains(SESSION_COOKIE)) {
            return true;
        }
        boolean bearer = request.getHeaders().getAuthorization().map(a -> a.startsWith("Bearer ")).orElse(false);
        boolean form = request.getContentType()
                .map(t -> t.matches(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                        || t.matches(MediaType.MULTIPART_FORM_DATA_TYPE))
                .orElse(false);
        return form && !bearer;
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

}
