package cn.moralbank.web.security;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * One rule for caches: nothing this application answers may be stored by a browser or a proxy, except its static
 * assets (stylesheets, scripts, fonts, icons under /static and /vendor), which are the same for everyone. Pages,
 * passbooks, /self, API JSON, exports, files, photos and the sign-in's token answer are personal or may be; a shared
 * office PC or the county's proxy must not keep them. A handler's own Cache-Control is replaced, so no controller
 * can forget or loosen it. Ordered with the security headers, so refusals (401, 403) carry it too. An error answer
 * is never stored, whatever its path: a 404 or 405 under /static is no asset (a proxy keeping it would go on
 * answering 404 after the file is deployed, or keep what a refusal said).
 */
@ServerFilter("/**")
class NoStoreFilter implements Ordered {
    static final String NO_STORE = "no-store";

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }

    @ResponseFilter
    void noStore(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (isStaticAsset(request.getPath()) && response.code() < 400) {
            return;
        }
        response.getHeaders().set(HttpHeaders.CACHE_CONTROL, NO_STORE);
        response.getHeaders().set(HttpHeaders.PRAGMA, "no-cache");
    }

    static boolean isStaticAsset(String path) {
        return (path.startsWith("/static/") || path.startsWith("/vendor/") || path.equals("/favicon.ico"))
                && !path.contains("..");
    }
}
