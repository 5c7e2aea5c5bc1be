package cn.moralbank.web.security;

import cn.moralbank.web.i18n.Messages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
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

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * CSRF protection for browser forms by double submit: a random token in an HttpOnly cookie, repeated by every form
 * as the {@code _csrf} query parameter of its action (or the X-CSRF-Token header from scripts). Every unsafe request
 * carrying the session cookie, and every form without a bearer token, is refused without the matching token before
 * any controller runs. Bearer-token API calls without the session cookie are exempt: a forged page cannot make them.
 * The token is replaced at every sign-in. (micronaut-security-csrf is not in the Maven Central reachable here;
 * docs/adr/0005-csrf.md.)
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

    CsrfFilter(@io.micronaut.context.annotation.Value("${moralbank.cookie-secure:false}") boolean secureCookie,
               Messages messages, ErrorResponseProcessor<?> problems) {
        this.secureCookie = secureCookie;
        this.messages = messages;
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        // before security, so a forged post never reaches authentication or a controller
        return ServerFilterPhase.SECURITY.before();
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        String cookie = request.getCookies().findCookie(COOKIE).map(Cookie::getValue).orElse(null);
        request.setAttribute(ATTRIBUTE, cookie != null ? cookie : newToken());
        if (SAFE.contains(request.getMethod()) || !sentByBrowserForm(request)) {
            return null;
        }
        String sent = request.getParameters().getFirst(PARAMETER)
                .or(() -> request.getHeaders().findFirst(HEADER)).orElse(null);
        if (cookie == null || sent == null || !MessageDigest.isEqual(cookie.getBytes(), sent.getBytes())) {
            // an error page for a browser, problem+json for a script, in the caller's language
            return problems.processResponse(ErrorContext.builder(request)
                    .errorMessage(messages.get(request, "csrf.invalid")).build(),
                    HttpResponse.status(HttpStatus.FORBIDDEN));
        }
        return null;
    }

    @ResponseFilter
    void issue(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (signsIn(response)) {
            // a new session gets a new token: a value planted in the browser before sign-in does not survive it
            response.cookie(cookie(newToken()));
        } else if (request.getCookies().findCookie(COOKIE).isEmpty()) {
            request.getAttribute(ATTRIBUTE, String.class).ifPresent(token -> response.cookie(cookie(token)));
        }
    }

    private Cookie cookie(String token) {
        return Cookie.of(COOKIE, token).httpOnly(true).sameSite(SameSite.Lax).path("/").secure(secureCookie);
    }

    /** An answer that sets a session cookie with a value (sign-in; sign-out clears it with an empty one). */
    private static boolean signsIn(MutableHttpResponse<?> response) {
        return response.getHeaders().getAll(io.micronaut.http.HttpHeaders.SET_COOKIE).stream()
                .anyMatch(c -> c.startsWith(SESSION_COOKIE + "=") && !c.startsWith(SESSION_COOKIE + "=;")
                        && c.length() > SESSION_COOKIE.length() + 1);
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
