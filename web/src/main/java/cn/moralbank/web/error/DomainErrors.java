package cn.moralbank.web.error;

import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Throttles;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.common.TryAgainLater;
import cn.moralbank.points.ledger.api.MalformedId;
import cn.moralbank.web.i18n.Messages;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Maps the domain's refusals to HTTP: bad input 422, an unknown thing 404, outside the caller's scope 403, a
 * malformed id 400, a ledger that did not answer in time 503 (try again). The message is looked up by the refusal's code in the caller's language.
 */
final class DomainErrors {
    private DomainErrors() {
    }

    static String codeOf(Throwable error) {
        if (error instanceof BadInput b) {
            return b.code();
        }
        if (error instanceof NotFound n) {
            return n.code();
        }
        if (error instanceof AccessDenied) {
            return "access.denied";
        }
        if (error instanceof MalformedId) {
            return "id.malformed";
        }
        if (error instanceof TryAgainLater t) {
            return t.code();
        }
        return null;
    }

    abstract static class Handler<E extends Throwable> implements ExceptionHandler<E, HttpResponse<?>> {
        private final ErrorResponseProcessor<?> problems;
        final Messages messages;
        private final HttpStatus status;

        Handler(ErrorResponseProcessor<?> problems, Messages messages, HttpStatus status) {
            this.problems = problems;
            this.messages = messages;
            this.status = status;
        }

        abstract List<?> arguments(E error);

        /** The message's arguments in the caller's language; by default {@link #arguments(Throwable)} as they are. */
        List<?> arguments(HttpRequest<?> request, E error) {
            return arguments(error);
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, E error) {
            String message = messages.get(request, codeOf(error), arguments(request, error));
            MutableHttpResponse<?> base = HttpResponse.status(status);
            return problems.processResponse(ErrorContext.builder(request).cause(error).errorMessage(message).build(),
                    base);
        }
    }

    @Singleton
    @Produces
    static class BadInputHandler extends Handler<BadInput> {
        BadInputHandler(ErrorResponseProcessor<?> p, Messages m) {
            super(p, m, HttpStatus.UNPROCESSABLE_ENTITY);
        }

        @Override
        List<?> arguments(BadInput error) {
            return error.arguments();
        }
    }

    @Singleton
    @Produces
    static class NotFoundHandler extends Handler<NotFound> {
        NotFoundHandler(ErrorResponseProcessor<?> p, Messages m) {
            super(p, m, HttpStatus.NOT_FOUND);
        }

        @Override
        List<?> arguments(NotFound error) {
            return List.of(String.valueOf(error.subject()));
        }
    }

    @Singleton
    @Produces
    static class AccessDeniedHandler extends Handler<AccessDenied> {
        AccessDeniedHandler(ErrorResponseProcessor<?> p, Messages m) {
            super(p, m, HttpStatus.FORBIDDEN);
        }

        @Override
        List<?> arguments(AccessDenied error) {
            return List.of();
        }
    }

    @Singleton
    @Produces
    static class MalformedIdHandler extends Handler<MalformedId> {
        MalformedIdHandler(ErrorResponseProcessor<?> p, Messages m) {
            super(p, m, HttpStatus.BAD_REQUEST);
        }

        @Override
        List<?> arguments(MalformedId error) {
            return List.of(error.kind());
        }

        /** The kind of id in the caller's words ("户", "household"): {@code id.kind.<kind>}. */
        @Override
        List<?> arguments(HttpRequest<?> request, MalformedId error) {
            String key = "id.kind." + error.kind().replace(' ', '-');
            String named = messages.get(request, key);
            return List.of(named.equals(key) ? error.kind() : named);
        }
    }

    /** A try held back by the throttles (a password, a current password): 429, Retry-After, the wait in words. */
    @Singleton
    @Produces
    static class HeldBackHandler implements ExceptionHandler<Throttles.HeldBack,
            HttpResponse<?>> {
        private final ErrorResponseProcessor<?> problems;
        private final Messages messages;

        HeldBackHandler(ErrorResponseProcessor<?> problems, Messages messages) {
            this.problems = problems;
            this.messages = messages;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, Throttles.HeldBack error) {
            return problems.processResponse(ErrorContext.builder(request)
                            .errorMessage(messages.get(request, "login.wait", error.seconds())).build(),
                    HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER,
                            String.valueOf(error.seconds())));
        }
    }

    @Singleton
    @Produces
    static class TryAgainLaterHandler extends Handler<TryAgainLater> {
        TryAgainLaterHandler(ErrorResponseProcessor<?> p, Messages m) {
            super(p, m, HttpStatus.SERVICE_UNAVAILABLE);
        }

        @Override
        List<?> arguments(TryAgainLater error) {
            return List.of();
        }
    }
}
