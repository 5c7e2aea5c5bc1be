package cn.moralbank.web.error;

import cn.moralbank.points.common.SaneDate;
import io.micronaut.core.convert.ConversionContext;
import io.micronaut.core.convert.MutableConversionService;
import io.micronaut.core.convert.TypeConverter;
import io.micronaut.core.convert.TypeConverterRegistrar;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Every date Micronaut reads from text (query values such as {@code ?date=} and {@code ?on=}, path segments) through
 * {@link SaneDate#parse}: a date of the year 1 or +999999999 is no date, so the route answers 400 naming the
 * parameter instead of reaching PostgreSQL ("date out of range": a 500). Forms and file cells use the same parse.
 */
@Singleton
final class SaneDates implements TypeConverterRegistrar {
    @Override
    public void register(MutableConversionService conversions) {
        conversions.addConverter(String.class, LocalDate.class, SaneDates::asDate);
        conversions.addConverter(CharSequence.class, LocalDate.class,
                (TypeConverter<CharSequence, LocalDate>) (text, type, context) -> asDate(text.toString(), type, context));
    }

    /** The date; nothing for an empty text (no value); otherwise a conversion refused. */
    private static Optional<LocalDate> asDate(String text, Class<LocalDate> type, ConversionContext context) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(SaneDate.parse(text));
        } catch (DateTimeParseException e) {
            context.reject(text, e);
            return Optional.empty();
        }
    }
}
