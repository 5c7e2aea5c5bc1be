package cn.moralbank.kiosk.pages;

import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.NotFound;
import io.micronaut.context.MessageSource;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import jakarta.inject.Singleton;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;

/**
 * A refusal's message in the page's language, for forms that show it beside the fields instead of on an error page.
 * The same lookup as the application's problem responses: the raw pattern from the message bundles, filled by
 * MessageFormat, numbers as typed.
 */
@Singleton
class PageMessages {
    private final MessageSource messages;
    private final HttpLocaleResolver locales;

    PageMessages(MessageSource messages, HttpLocaleResolver locales) {
        this.messages = messages;
        this.locales = locales;
    }

    String of(HttpRequest<?> request, RuntimeException refusal) {
        if (refusal instanceof BadInput b) {
            return text(request, b.code(), b.arguments());
        }
        if (refusal instanceof NotFound n) {
            return text(request, n.code(), List.of(String.valueOf(n.subject())));
        }
        if (refusal instanceof AccessDenied) {
            return text(request, "access.denied", List.of());
        }
        return refusal.getMessage();
    }

    String text(HttpRequest<?> request, String code, List<?> arguments) {
        Locale locale = locales.resolveOrDefault(request);
        String pattern = messages.getRawMessage(code, MessageSource.MessageContext.of(locale))
                .or(() -> messages.getRawMessage(code, MessageSource.MessageContext.of(Locale.SIMPLIFIED_CHINESE)))
                .orElse(code);
        Object[] args = arguments.stream().map(a -> a instanceof Number n ? String.valueOf(n) : a).toArray();
        return new MessageFormat(pattern, locale).format(args);
    }
}
