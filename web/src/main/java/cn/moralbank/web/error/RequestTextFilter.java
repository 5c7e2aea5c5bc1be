package cn.moralbank.web.error;

import cn.moralbank.points.common.PlainText;
import cn.moralbank.web.i18n.Messages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.util.List;
import java.util.Map;

/**
 * Every path and query parameter of every request is text that may reach a query or an event: one with a NUL,
 * a control or a text direction character (PostgreSQL refuses a NUL in text; the rest only hides what a page shows)
 * is refused here with a 400 naming the parameter, before any route, page or service sees it.
 */
@ServerFilter("/**")
class RequestTextFilter implements Ordered {
    private final ErrorResponseProcessor<?> problems;
    private final Messages messages;

    RequestTextFilter(ErrorResponseProcessor<?> problems, Messages messages) {
        this.problems = problems;
        this.messages = messages;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order() + 10;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        String bad = null;
        String rawPath = request.getUri().getRawPath();
        if (rawPath != null && !storable(rawPath)) {
            bad = "path"; // the raw path, decoded here; the parameters come decoded
        }
        for (Map.Entry<String, List<String>> parameter : request.getParameters().asMap().entrySet()) {
            if (bad == null && (!PlainText.storable(parameter.getKey())
                    || !parameter.getValue().stream().allMatch(PlainText::storable))) {
                bad = PlainText.name(parameter.getKey()) && parameter.getKey().length() <= 40 ? parameter.getKey() : "?";
            }
        }
        if (bad == null) {
            return null;
        }
        return problems.processResponse(ErrorContext.builder(request)
                        .errorMessage(messages.get(request, "text.unstorable", bad)).build(),
                HttpResponse.status(HttpStatus.BAD_REQUEST));
    }

    private static boolean storable(String raw) {
        try {
            return PlainText.storable(raw) && PlainText.storable(QueryStringDecoder.decodeComponent(raw));
        } catch (IllegalArgumentException malformedEscape) {
            return false;
        }
    }
}
