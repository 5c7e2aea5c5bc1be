package cn.moralbank.web.i18n;

import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.server.util.locale.CompositeHttpLocaleResolver;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one place a request's language is decided, for messages, pages and problem+json alike: only a language the
 * product has (zh-CN, its first language, and English) ever comes out. The {@code lang} cookie (the language
 * switch) if it names one of them; else the first of them the browser's Accept-Language accepts, by its weights;
 * else Chinese. Micronaut's own resolvers passed any language on, and a message bundle asked for French fell back
 * to the JVM's default language (English on a server), not the product's.
 */
@Singleton
@Primary
@Replaces(CompositeHttpLocaleResolver.class)
public class Languages implements HttpLocaleResolver {
    public static final Locale FIRST = Locale.SIMPLIFIED_CHINESE;
    static final String COOKIE = "lang";
    private static final String RESOLVED = Languages.class.getName() + ".resolved";
    private static final List<Locale> SUPPORTED = List.of(FIRST, Locale.ENGLISH);

    @Override
    public @NonNull Optional<Locale> resolve(@NonNull HttpRequest<?> request) {
        return Optional.of(languageOf(request));
    }

    @Override
    public @NonNull Locale resolveOrDefault(@NonNull HttpRequest<?> request) {
        return languageOf(request);
    }

    /** The request's language, read from its cookie and headers once: a page asks for dozens of texts. */
    static Locale languageOf(HttpRequest<?> request) {
        Optional<Locale> known = request.getAttribute(RESOLVED, Locale.class);
        if (known.isPresent()) {
            return known.get();
        }
        Locale language = chosenOrAccepted(request);
        request.setAttribute(RESOLVED, language);
        return language;
    }

    private static Locale chosenOrAccepted(HttpRequest<?> request) {
        Optional<Locale> chosen = request.getCookies().findCookie(COOKIE).map(Cookie::getValue)
                .flatMap(Languages::supported);
        if (chosen.isPresent()) {
            return chosen.get();
        }
        return request.getHeaders().findFirst("Accept-Language").flatMap(Languages::accepted).orElse(FIRST);
    }

    /** The product's language a tag names (zh, zh-CN, zh-Hans... as Chinese; en, en-GB... as English), if any. */
    static Optional<Locale> supported(String tag) {
        if (tag == null || tag.length() > 35 || tag.equals("*")) {
            return Optional.empty();
        }
        String language = Locale.forLanguageTag(tag.strip()).getLanguage();
        return SUPPORTED.stream().filter(l -> l.getLanguage().equals(language)).findFirst();
    }

    /** The first product language an Accept-Language header accepts, by its weights (a wildcard alone: none). */
    static Optional<Locale> accepted(String header) {
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(header.length() > 500 ? header.substring(0, 500) : header);
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
        for (Locale.LanguageRange range : ranges) {
            if (range.getWeight() > 0) {
                Optional<Locale> found = supported(range.getRange());
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
