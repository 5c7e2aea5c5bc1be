package cn.moralbank.web.error;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.core.convert.MutableConversionService;
import io.micronaut.core.convert.TypeConverter;
import io.micronaut.core.convert.TypeConverterRegistrar;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every whole number Micronaut reads from text (path ids, query values, headers) in ASCII digits only. Its own
 * conversion is {@link Long#parseLong}'s, which takes every script's digits: {@code /api/supermarkets/１/stock}
 * (full-width) or {@code /api/rules/६} (Devanagari) read supermarket 1 and rule 6. A number in another form is no
 * number: the route answers 400 naming the parameter, as for any text that is not one. (Forms and file cells are read
 * the same way by {@code WholeNumber}; JSON bodies by the strict JSON edge.)
 */
@Singleton
final class StrictNumbers implements TypeConverterRegistrar {
    private static final Pattern WHOLE = Pattern.compile("-?[0-9]{1,18}");

    @Override
    public void register(MutableConversionService conversions) {
        conversions.addConverter(String.class, Long.class, StrictNumbers::asLong);
        conversions.addConverter(CharSequence.class, Long.class,
                (TypeConverter<CharSequence, Long>) (text, type, context) -> asLong(text.toString(), type, context));
        conversions.addConverter(String.class, Integer.class, StrictNumbers::asInt);
        conversions.addConverter(CharSequence.class, Integer.class,
                (TypeConverter<CharSequence, Integer>) (text, type, context) -> asInt(text.toString(), type, context));
    }

    /**
     * The number; nothing for an empty text (a form's empty choice, {@code ?region=}: no value, as Micronaut has it);
     * otherwise a conversion refused (never an empty answer, or a default value would be taken instead).
     */
    private static Optional<Long> asLong(String text, Class<Long> type, ConversionContext context) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (WHOLE.matcher(text).matches()) {
            return Optional.of(Long.valueOf(text));
        }
        context.reject(text, new NumberFormatException("not a whole number in ASCII digits"));
        return Optional.empty();
    }

    private static Optional<Integer> asInt(String text, Class<Integer> type, ConversionContext context) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (WHOLE.matcher(text).matches()) {
            long value = Long.parseLong(text);
            if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
                return Optional.of((int) value);
            }
        }
        context.reject(text, new NumberFormatException("not a whole number in ASCII digits within an int"));
        return Optional.empty();
    }
}
