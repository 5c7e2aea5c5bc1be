package cn.moralbank.web.error;

import cn.moralbank.web.i18n.Messages;
import cn.moralbank.web.security.SecurityHeadersFilter;
import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import cn.moralbank.web.pages.PageModel;
import io.micronaut.views.ViewsRenderer;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every error of the application, Micronaut's own included (404, 405, 401, 403, bad JSON...), answered as
 * problem+json for API clients and as an error page for people in a browser.
 */
@Singleton
@Primary
class ProblemResponses implements ErrorResponseProcessor<Object> {
    private final Messages messages;
    private final ViewsRenderer<Map<String, Object>, HttpRequest<?>> pages;
    private final PageModel pageModel;

    ProblemResponses(Messages messages, ViewsRenderer<Map<String, Object>, HttpRequest<?>> pages,
                     PageModel pageModel) {
        this.messages = messages;
        this.pages = pages;
        this.pageModel = pageModel;
    }

    /**
     * The page model for an outage, without the database: the county's name is left out (the page model would read it
     * from the database that is missing; waiting for it again doubled the wait, and failing left the page empty).
     */
    private Map<String, Object> outagePage(HttpRequest<?> request, Map<String, Object> bare) {
        Map<String, Object> model = new HashMap<>(bare);
        model.put("countyName", "");
        return pageModel.with(request, model);
    }

    @Override
    public MutableHttpResponse<Object> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpRequest<?> request = context.getRequest();
        DatabaseAnswer database = response.code() >= 500
                ? context.getRootCause().flatMap(DatabaseAnswer::of).orElse(null) : null;
        boolean outage = database != null && database.outage();
        if (database != null) {
            response.status(database.status());
            if (database.retryAfter()) {
                response.header(HttpHeaders.RETRY_AFTER, DatabaseOutage.RETRY_AFTER_SECONDS);
            }
        }
        HttpStatus unreadable = response.code() == 413 || response.code() == 400
                ? UnreadableRequests.status(request) : null;
        if (unreadable != null) {
            response.status(unreadable);
            // no filter sees a request that could not be read: its answer gets the security headers here
            SecurityHeadersFilter.apply(response);
            response.header(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        int status = response.code();
        String title = title(request, status);
        if (unreadable != null) {
            // the headers were not read, so neither was the caller's language: both languages, zh-CN first
            title = bilingual("error.status." + status);
        }
        List<String> lines = unreadable != null ? List.of(bilingual("error.detail." + status))
                : database != null ? List.of(messages.get(request, database.code()))
                : status < 500 && !FrameworkErrors.ours(context.getRootCause())
                ? FrameworkErrors.lines(messages, request, status, context.getRootCause().get())
                : context.getErrors().stream().map(Error::getMessage).toList();
        String code = database != null ? database.code()
                : context.getRootCause().map(DomainErrors::codeOf).orElse(null);
        // a server error's own text is for the log, never for the caller (a domain code's message is for the caller)
        String detail = lines.isEmpty() || (status >= 500 && code == null) ? title : String.join("; ", lines);
        if (code == null && (status == 404 || status == 405)) {
            // the router's own text ("Page Not Found") is English whatever the page's language: say it in the caller's
            detail = messages.get(request, "error.page." + status);
        }
        @SuppressWarnings("unchecked")
        MutableHttpResponse<Object> answer = (MutableHttpResponse<Object>) response;
        if (wantsPage(request)) {
            Map<String, Object> bare = Map.of("status", status, "title", title, "detail", detail);
            Map<String, Object> model = outage ? outagePage(request, bare) : pageModel.with(request, bare);
            return answer.contentType(MediaType.TEXT_HTML_TYPE).body(pages.render("error", model, request));
        }
        return answer.contentType(Problem.MEDIA_TYPE).body(new Problem("about:blank", title, status, detail, code,
                request.getPath(), lines.size() > 1 && status < 500 ? lines : null));
    }

    /**
     * The status's title in the caller's language; a status without a title of its own gets its class's (4xx, 5xx),
     * never the framework's English reason phrase ("Too Many Requests").
     */
    private String title(HttpRequest<?> request, int status) {
        String title = messages.get(request, "error.status." + status);
        return title.equals("error.status." + status) ? messages.get(request, "error.status." + (status / 100) + "xx")
                : title;
    }

    private String bilingual(String code) {
        return messages.in(Locale.SIMPLIFIED_CHINESE, code, List.of()) + " / "
                + messages.in(Locale.ENGLISH, code, List.of());
    }

    /** A person's browser asking for a page, rather than a client of the JSON API. */
    static boolean wantsPage(HttpRequest<?> request) {
        return !request.getPath().startsWith("/api/")
                && request.accept().stream().anyMatch(m -> m.matches(MediaType.TEXT_HTML_TYPE));
    }
}
