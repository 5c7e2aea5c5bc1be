package cn.moralbank.web.error;

import cn.moralbank.web.i18n.Messages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;

import java.util.Locale;

/**
 * A request body the server did not decode is refused with a 415 in the caller's language, before any route reads
 * it: read as it stands, a body declared compressed would be taken for plain JSON or form text. Micronaut decodes a
 * body whose whole {@code Content-Encoding} is one coding it knows (gzip, x-gzip, deflate, x-deflate, snappy) and then
 * removes the header; so a header still present here names a coding that was not decoded (br, zstd, an unknown name,
 * or a list such as {@code gzip, gzip}), and only {@code identity} may remain.
 */
@ServerFilter("/**")
class ContentEncodingFilter implements Ordered {
    private final ErrorResponseProcessor<?> problems;
    private final Messages messages;

    ContentEncodingFilter(ErrorResponseProcessor<?> problems, Messages messages) {
        this.problems = problems;
        this.messages = messages;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order() + 11;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        for (String header : request.getHeaders().getAll(HttpHeaders.CONTENT_ENCODING)) {
            for (String coding : header.split(",")) {
                String name = coding.strip().toLowerCase(Locale.ROOT);
                if (!name.isEmpty() && !name.equals("identity")) {
                    return problems.processResponse(ErrorContext.builder(request)
                                    .errorMessage(messages.get(request, "request.encoding.unsupported")).build(),
                            HttpResponse.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE));
                }
            }
        }
        return null;
    }
}
