package cn.moralbank.points.infra.json;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.exceptions.SerdeException;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;

/**
 * A list, set or map read from JSON holds no {@code null}: {@code {"deedIds": [null]}} is refused as the request's
 * fault ({@code json.null-item}, 400) instead of reaching a service that takes every item for a value (it answered
 * 500). One check for every collection of every JSON request body, so no record has to remember it; stored JSON and
 * forms are read as before.
 */
final class NoNullItems<T> implements Deserializer<T> {
    private final Deserializer<T> lenient;

    NoNullItems(Deserializer<T> lenient) {
        this.lenient = lenient;
    }

    static boolean applies(Class<?> type) {
        return Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type);
    }

    @Override
    public Deserializer<T> createSpecific(DecoderContext context, Argument<? super T> argument)
            throws SerdeException {
        Deserializer<T> specific = lenient.createSpecific(context, argument);
        return specific == lenient ? this : new NoNullItems<>(specific);
    }

    @Override
    public T deserialize(Decoder decoder, DecoderContext context, Argument<? super T> type) throws IOException {
        boolean strict = StrictJson.strict(decoder);
        T value = lenient.deserialize(decoder, context, type);
        return strict ? checked(value) : value;
    }

    @Override
    public T deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super T> type)
            throws IOException {
        boolean strict = StrictJson.strict(decoder);
        T value = lenient.deserializeNullable(decoder, context, type);
        return strict ? checked(value) : value;
    }

    @Override
    public boolean allowNull() {
        return lenient.allowNull();
    }

    @Override
    public T getDefaultValue(DecoderContext context, Argument<? super T> type) {
        return lenient.getDefaultValue(context, type);
    }

    private static <T> T checked(T value) throws JsonValueRefused {
        boolean hasNull = value instanceof Collection<?> items ? items.stream().anyMatch(item -> item == null)
                : value instanceof Map<?, ?> entries && entries.values().stream().anyMatch(item -> item == null);
        if (hasNull) {
            throw new JsonValueRefused("json.null-item");
        }
        return value;
    }
}
