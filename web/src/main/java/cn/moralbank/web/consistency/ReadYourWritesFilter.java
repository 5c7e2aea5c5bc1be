package cn.moralbank.web.consistency;

import cn.moralbank.points.common.ViewsCatchUp;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.Set;

/**
 * Read your writes, for every form and API call at once: the answer to a request that committed events (a redirect
 * to the page that shows them, or the API's answer) leaves only when every projection that handles those events has
 * committed them, or after {@code moralbank.views.wait-millis} (2 s). Past that the person is told that it is saved
 * and the list will follow: a page shows it (cookie {@value #PENDING}, read by the page model), an API answer carries
 * the header {@value #PENDING_HEADER}. Every such answer says how long it waited for the views in the standard
 * {@code Server-Timing} header ({@code views;dur=3.2}, milliseconds): the projection lag after commit as the person
 * saw it, which the benchmark collects (docs/performance.md).
 */
@ServerFilter("/**")
class ReadYourWritesFilter implements Ordered {
    static final String PENDING = "views_pending";
    static final String PENDING_HEADER = "X-Views-Pending";
    static final String TIMING_HEADER = "Server-Timing";
    private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);

    private final ViewsCatchUp views;
    private final Duration wait;

    ReadYourWritesFilter(ViewsCatchUp views, @Value("${moralbank.views.wait-millis:2000}") long waitMillis) {
        this.views = views;
        this.wait = Duration.ofMillis(waitMillis);
    }

    @Override
    public int getOrder() {
        // inside the security filters: only requests that got through to a controller collect anything
        return ServerFilterPhase.SECURITY.after();
    }

    @RequestFilter
    void collect(HttpRequest<?> request) {
        if (WRITES.contains(request.getMethod())) {
            request.setAttribute(ViewsCatchUp.WRITTEN, new ConcurrentLinkedQueue<>());
        }
    }

    @ResponseFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    void awaitViews(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.code() >= 400) {
            return;
        }
        request.getAttribute(ViewsCatchUp.WRITTEN).ifPresent(written -> {
            long started = System.nanoTime();
            boolean caughtUp = views.await(written, wait);
            response.header(TIMING_HEADER, String.format(Locale.ROOT, "views;dur=%.1f",
                    (System.nanoTime() - started) / 1e6));
            if (!caughtUp) {
                response.header(PENDING_HEADER, "1");
                response.cookie(Cookie.of(PENDING, "1").path("/").maxAge(Duration.ofSeconds(10)).httpOnly(true));
            }
        });
    }
}
