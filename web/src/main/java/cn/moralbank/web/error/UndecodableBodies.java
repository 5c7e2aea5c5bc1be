package cn.moralbank.web.error;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.netty.handler.codec.DecoderException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request body Netty could not decode once its headers were read: a {@code Content-Encoding} that does not match
 * the body (gzip, deflate or snappy named over plain text), a broken chunk. The client sent something unreadable:
 * 400 in the caller's language, logged as the one-line refusal it is, where it was a 500 with an ERROR stack trace
 * for anyone, signed in or not, to flood the log with.
 */
@Singleton
@Produces
@Requires(classes = DecoderException.class)
final class UndecodableBodies implements ExceptionHandler<DecoderException, HttpResponse<?>> {
    private static final Logger REFUSALS = LoggerFactory.getLogger("cn.moralbank.refusals");
    private final ErrorResponseProcessor<?> problems;

    UndecodableBodies(ErrorResponseProcessor<?> problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, DecoderException error) {
        REFUSALS.info("unreadable body on {} {}: {}", request.getMethodName(), request.getPath(), error.toString());
        return problems.processResponse(ErrorContext.builder(request).cause(error).build(),
                HttpResponse.status(HttpStatus.BAD_REQUEST));
    }
}
