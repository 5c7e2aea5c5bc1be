package cn.moralbank.web.security;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Headers every answer carries: scripts, styles and images only from this application (pages work without the
 * internet, in a village), no framing by other sites, no content sniffing, no referrer leaving the site. Ordered
 * around the security filter, so its refusals (401, 403) carry them too.
 */
@ServerFilter("/**")
public class SecurityHeadersFilter implements Ordered {
    static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }

    @ResponseFilter
    void headers(MutableHttpResponse<?> response) {
        apply(response);
    }

    /** The same headers on an answer no filter sees (a request line or headers too long to be read at all). */
    public static void apply(MutableHttpResponse<?> response) {
        response.header("Content-Security-Policy", CSP);
        response.header("X-Content-Type-Options", "nosniff");
        response.header("X-Frame-Options", "DENY");
        response.header("Referrer-Policy", "same-origin");
    }
}
