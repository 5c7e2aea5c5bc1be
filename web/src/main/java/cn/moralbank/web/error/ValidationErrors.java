package cn.moralbank.web.error;

import cn.moralbank.web.i18n.Messages;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;

import java.util.Comparator;
import java.util.List;

/**
 * Bean-validation failures (a missing field, a malformed card number, points out of range) as a 400 with one line per
 * field in the caller's language: "headName：不能为空". The constraint's kind picks the message.
 */
@Singleton
@Produces
@Replaces(ConstraintExceptionHandler.class)
class ValidationErrors implements ExceptionHandler<ConstraintViolationException, HttpResponse<?>> {
    private final ErrorResponseProcessor<?> problems;
    private final Messages messages;

    ValidationErrors(ErrorResponseProcessor<?> problems, Messages messages) {
        this.problems = problems;
        this.messages = messages;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ConstraintViolationException exception) {
        List<String> lines = exception.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(v -> line(request, v)).toList();
        ErrorContext.Builder context = ErrorContext.builder(request).cause(exception);
        return problems.processResponse(context.errorMessages(lines).build(), HttpResponse.status(HttpStatus.BAD_REQUEST));
    }

    private String line(HttpRequest<?> request, ConstraintViolation<?> violation) {
        String field = "";
        for (Path.Node node : violation.getPropertyPath()) {
            field = node.getName() == null ? field : node.getName();
        }
        String kind = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        String text = messages.get(request, "validation." + kind);
        if (text.equals("validation." + kind)) {
            text = violation.getMessage();
        }
        return messages.get(request, "validation.invalid", field, text);
    }
}
