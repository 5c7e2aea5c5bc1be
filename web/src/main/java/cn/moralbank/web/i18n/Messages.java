package cn.moralbank.web.i18n;

import io.micronaut.context.MessageSource;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.i18n.ResourceBundleMessageSource;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;

/**
 * Texts in the caller's language (zh-CN first, English by the language switch or Accept-Language). Every module keeps
 * its own bundle under i18n/; Micronaut's composite message source looks through all of them.
 */
@Singleton
public class Messages {
    private final MessageSource messages;
    private final HttpLocaleResolver locales;

    Messages(MessageSource messages, HttpLocaleResolver locales) {
        this.messages = messages;
        this.locales = locales;
    }

    public Locale locale(HttpRequest<?> request) {
        return request == null ? Locale.SIMPLIFIED_CHINESE : locales.resolveOrDefault(request);
    }

    public String get(HttpRequest<?> request, String code, List<?> arguments) {
        return in(locale(request), code, arguments);
    }

    /** A text in the language given, whatever the request asked (for a request whose headers could not be read). */
    public String in(Locale locale, String code, List<?> arguments) {
        // raw: the pattern's {0} placeholders are filled by MessageFormat below, not by Micronaut's interpolation
        String pattern = messages.getRawMessage(code, MessageSource.MessageContext.of(locale))
                .or(() -> messages.getRawMessage(code, MessageSource.MessageContext.of(Locale.SIMPLIFIED_CHINESE)))
                .orElse(code);
        return new MessageFormat(pattern, locale).format(arguments.stream().map(Messages::plain).toArray());
    }

    public String get(HttpRequest<?> request, String code, Object... arguments) {
        return get(request, code, List.of(arguments));
    }

    /** Numbers as digits without grouping: ids and card numbers must read as they were typed. */
    private static Object plain(Object argument) {
        return argument instanceof Number n ? String.valueOf(n) : argument;
    }

    @Factory
    static class Bundles {
        @Singleton
        @Named("messages")
        @Order(1)
        MessageSource core() {
            return new ResourceBundleMessageSource("i18n.messages", Locale.SIMPLIFIED_CHINESE);
        }

        @Singleton
        @Named("households")
        @Order(2)
        MessageSource households() {
            return new ResourceBundleMessageSource("i18n.households", Locale.SIMPLIFIED_CHINESE);
        }

        @Singleton
        @Named("deeds")
        @Order(3)
        MessageSource deeds() {
            return new ResourceBundleMessageSource("i18n.deeds", Locale.SIMPLIFIED_CHINESE);
        }

        @Singleton
        @Named("kiosk")
        @Order(4)
        MessageSource kiosk() {
            return new ResourceBundleMessageSource("i18n.kiosk", Locale.SIMPLIFIED_CHINESE);
        }

        @Singleton
        @Named("ratings")
        @Order(5)
        MessageSource ratings() {
            return new ResourceBundleMessageSource("i18n.ratings", Locale.SIMPLIFIED_CHINESE);
        }

        @Singleton
        @Named("deadletters")
        @Order(7)
        MessageSource deadLetters() {
            return new ResourceBundleMessageSource("i18n.deadletters", Locale.SIMPLIFIED_CHINESE);
        }

        /** Refusals of a request as such: JSON values, checked text, uploads, limits; in points-service. */
        @Singleton
        @Named("requests")
        @Order(9)
        MessageSource requests() {
            return new ResourceBundleMessageSource("i18n.requests", Locale.SIMPLIFIED_CHINESE);
        }

        /** A county and a city of counties: setup, regions and their import, county settings, the city office. */
        @Singleton
        @Named("county")
        @Order(15)
        MessageSource county() {
            return new ResourceBundleMessageSource("i18n.county", Locale.SIMPLIFIED_CHINESE);
        }

        /** Texts of the people pages, their import and the own-password page. */
        @Singleton
        @Named("people")
        @Order(16)
        MessageSource people() {
            return new ResourceBundleMessageSource("i18n.people", Locale.SIMPLIFIED_CHINESE);
        }
    }
}
