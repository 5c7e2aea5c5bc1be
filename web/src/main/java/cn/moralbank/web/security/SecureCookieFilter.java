package cn.moralbank.web.security;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

import java.util.List;
import java.util.Locale;

/**
 * Cookies set over TLS are marked {@code Secure}: when the request came over TLS itself, or through the county's
 * reverse proxy saying {@code X-Forwarded-Proto: https} (or {@code Forwarded: proto=https}). The session cookie
 * then never travels over plain HTTP. {@code moralbank.cookie-secure} still forces the flag on every answer. Outermost
 * filter, so its response part sees the cookies every other filter and handler set.
 */
@ServerFilter("/**")
class SecureCookieFilter implements Ordered {

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }

    @ResponseFilter
    void secure(HttpRequest<?> request, MutableHttpResponse<?> response) {
        List<String> cookies = response.getHeaders().getAll(HttpHeaders.SET_COOKIE);
        if (cookies.isEmpty() || !overTls(request)) {
            return;
        }
        response.getHeaders().remove(HttpHeaders.SET_COOKIE);
        for (String cookie : cookies) {
            boolean marked = cookie.toLowerCase(Locale.ROOT).matches(".*;\\s*secure\\s*(;.*)?");
            response.getHeaders().add(HttpHeaders.SET_COOKIE, marked ? cookie : cookie + "; Secure");
        }
    }

    static boolean overTls(HttpRequest<?> request) {
        if (request.isSecure()) {
            return true;
        }
        String proto = request.getHeaders().get("X-Forwarded-Proto");
        if (proto != null) {
            return proto.split(",")[0].strip().equalsIgnoreCase("https");
        }
        String forwarded = request.getHeaders().get("Forwarded");
        return forwarded != null && forwarded.split(",")[0].toLowerCase(Locale.ROOT).matches(".*proto=\"?https\"?.*");
    }
}
