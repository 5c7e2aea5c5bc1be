package cn.moralbank.web.security;

import cn.moralbank.web.i18n.Messages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;

import java.util.Set;

/**
 * Static assets are read, never written: Micronaut's static-resource handler answers a file to any method, so a
 * POST, PUT or DELETE to /static/css/app.css answered 200 with the stylesheet. Every method but GET and HEAD on an
 * asset path is answered 405 with {@code Allow: GET, HEAD} here, before any handler.
 */
@ServerFilter("/**")
class StaticAssetsReadOnly implements Ordered {
    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD);

    private final ErrorResponseProcessor<?> problems;
    private final Messages messages;

    StaticAssetsReadOnly(ErrorResponseProcessor<?> problems, Messages messages) {
        this.problems = problems;
        this.messages = messages;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order() + 5;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> readOnly(HttpRequest<?> request) {
        if (READS.contains(request.getMethod()) || !NoStoreFilter.isStaticAsset(request.getPath())) {
            return null;
        }
        return problems.processResponse(ErrorContext.builder(request)
                        .errorMessage(messages.get(request, "error.status.405")).build(),
                HttpResponse.status(HttpStatus.METHOD_NOT_ALLOWED).header("Allow", "GET, HEAD"));
    }
}
