package cn.moralbank.web.error;

import cn.moralbank.points.infra.json.JsonValueRefused;
import cn.moralbank.web.i18n.Messages;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.CookieValue;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.exceptions.SerdeException;
import io.micronaut.serde.exceptions.path.PropertyReferencePath;
import io.micronaut.serde.exceptions.path.ReferencePath;
import io.micronaut.web.router.exceptions.UnsatisfiedBodyRouteException;
import io.micronaut.web.router.exceptions.UnsatisfiedPartRouteException;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import jakarta.validation.ConstraintViolationException;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of a refusal that Micronaut, its serde or Jackson made ("Error decoding property [long points] of type
 * [...LedgerApi$Entry]", "Credentials Do Not Match", "No enum constant cn.moralbank...", StreamReadConstraints...):
 * replaced by a message in the caller's language that names the field when one is known, never a Java class name.
 * Refusals of our own (a domain code, a bean-validation line, the CSRF filter's) keep their words.
 */
final class FrameworkErrors {
    private static final Pattern UNKNOWN = Pattern.compile("Unknown property \\[([^\\]]{1,80})\\]");
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']{1,80})'");
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,79}");

    private FrameworkErrors() {
    }

    /** Whether the lines the error context carries were written by us, in the caller's language. */
    static boolean ours(Optional<Throwable> cause) {
        return cause.isEmpty() || cause.map(DomainErrors::codeOf).isPresent()
                || cause.get() instanceof ConstraintViolationException;
    }

    /** The caller's words for a framework refusal with this status and cause. */
    static List<String> lines(Messages messages, HttpRequest<?> request, int status, Throwable cause) {
        JsonValueRefused refused = find(cause, JsonValueRefused.class);
        SerdeException serde = find(cause, SerdeException.class);
        Argument<?> property = serde == null ? null : property(serde);
        String field = property == null ? null : property.getName();
        if (refused != null) {
            return List.of(withField(messages, request, field, refused.code()));
        }
        if (find(cause, StreamConstraintsException.class) != null) {
            return List.of(messages.get(request, "json.too-deep-or-long"));
        }
        // a query value, path segment or header that does not convert to its parameter's type (?kind=DECADE, ?page=x),
        // or a required one left out: its name as the request spells it, as the body's fields are named. Before the
        // body's patterns below, which would read a query value's own text as a field's name
        ConversionErrorException conversion = find(cause, ConversionErrorException.class);
        String malformed = conversion == null ? null : parameterName(conversion.getArgument());
        if (malformed != null) {
            return List.of(malformed(messages, request, malformed, conversion.getArgument()));
        }
        UnsatisfiedRouteException missing = find(cause, UnsatisfiedRouteException.class);
        String absent = missing == null || missing instanceof UnsatisfiedBodyRouteException
                || missing instanceof UnsatisfiedPartRouteException ? null : parameterName(missing.getArgument());
        if (absent != null) {
            return List.of(withField(messages, request, absent, "request.value.missing"));
        }
        String text = allMessages(cause);
        Matcher unknown = UNKNOWN.matcher(text);
        if (unknown.find() && FIELD_NAME.matcher(unknown.group(1)).matches()) {
            return List.of(withField(messages, request, unknown.group(1), "json.unknown-field"));
        }
        Matcher duplicate = DUPLICATE.matcher(text);
        if (duplicate.find() && FIELD_NAME.matcher(duplicate.group(1)).matches()) {
            return List.of(withField(messages, request, duplicate.group(1), "json.duplicate-field"));
        }
        if (serde != null || find(cause, JacksonException.class) != null) {
            // with no field to name, the body as a whole: "is malformed" alone named nothing
            return List.of(field == null ? messages.get(request, "json.malformed.body")
                    : malformed(messages, request, field, property));
        }
        String code = "error.detail." + status;
        String detail = messages.get(request, code);
        if (!detail.equals(code)) {
            return List.of(detail);
        }
        String title = messages.get(request, "error.status." + status);
        // a status with no words of its own (406, 408, 411...) gets its class's, never the raw key
        return List.of(title.equals("error.status." + status)
                ? messages.get(request, "error.status." + (status / 100) + "xx") : title);
    }

    /**
     * A request parameter's name as the request spells it ({@code @QueryValue("short") Long shortOf}: short), or null
     * for the body.
     */
    private static String parameterName(Argument<?> argument) {
        var annotations = argument.getAnnotationMetadata();
        if (annotations.hasAnnotation(Body.class) || annotations.hasAnnotation(Part.class)) {
            return null; // the body's own errors name its fields (below)
        }
        String name = annotations.stringValue(QueryValue.class)
                .or(() -> annotations.stringValue(PathVariable.class))
                .or(() -> annotations.stringValue(Header.class))
                .or(() -> annotations.stringValue(CookieValue.class))
                .filter(value -> !value.isBlank())
                .orElse(argument.getName());
        return FIELD_NAME.matcher(name).matches() ? name : null;
    }

    /** A value that did not convert; where its type is one of a few named values (an enum), those values. */
    private static String malformed(Messages messages, HttpRequest<?> request, String field, Argument<?> type) {
        Object[] constants = type.getType().getEnumConstants();
        if (constants == null || constants.length == 0) {
            return withField(messages, request, field, "json.malformed");
        }
        String choices = String.join(", ", Arrays.stream(constants).map(c -> ((Enum<?>) c).name()).toList());
        return messages.get(request, "validation.invalid", field, messages.get(request, "json.one-of", choices));
    }

    private static String withField(Messages messages, HttpRequest<?> request, String field, String code) {
        String text = messages.get(request, code);
        return field == null ? text : messages.get(request, "validation.invalid", field, text);
    }

    private static Argument<?> property(SerdeException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SerdeException s && s.getPath() != null) {
                List<ReferencePath> path = s.getPath();
                for (int i = path.size() - 1; i >= 0; i--) {
                    if (path.get(i) instanceof PropertyReferencePath p && p.property() != null
                            && p.property().getName() != null) {
                        return p.property();
                    }
                }
            }
        }
        return null;
    }

    private static <T extends Throwable> T find(Throwable cause, Class<T> type) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String allMessages(Throwable cause) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = cause; t != null && all.length() < 4000; t = t.getCause() == t ? null : t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
