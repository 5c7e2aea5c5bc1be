package cn.moralbank.points.infra.json;

import cn.moralbank.points.common.PlainText;
import cn.moralbank.points.common.SaneDate;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.LimitingStream;
import io.micronaut.serde.exceptions.SerdeException;
import io.micronaut.serde.jackson.JacksonDecoder;
import io.micronaut.serde.support.util.JsonNodeDecoder;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Map;

/**
 * A JSON value read as the type it claims to be, or refused with a {@link JsonValueRefused} whose code names what
 * was wrong. Only the JSON body of a request is checked: a form body's values are all text and are converted by
 * Micronaut as before (then checked by bean validation, the value types and the command check).
 */
final class StrictJson<T> implements Deserializer<T> {
    enum Kind { WHOLE, DECIMAL, TEXT, BOOLEAN, DATE, ENUM }

    private static final Map<Class<?>, Kind> KINDS = Map.ofEntries(
            Map.entry(long.class, Kind.WHOLE), Map.entry(Long.class, Kind.WHOLE),
            Map.entry(int.class, Kind.WHOLE), Map.entry(Integer.class, Kind.WHOLE),
            Map.entry(short.class, Kind.WHOLE), Map.entry(Short.class, Kind.WHOLE),
            Map.entry(byte.class, Kind.WHOLE), Map.entry(Byte.class, Kind.WHOLE),
            Map.entry(BigInteger.class, Kind.WHOLE),
            Map.entry(BigDecimal.class, Kind.DECIMAL), Map.entry(double.class, Kind.DECIMAL),
            Map.entry(Double.class, Kind.DECIMAL), Map.entry(float.class, Kind.DECIMAL),
            Map.entry(Float.class, Kind.DECIMAL),
            Map.entry(String.class, Kind.TEXT),
            Map.entry(boolean.class, Kind.BOOLEAN), Map.entry(Boolean.class, Kind.BOOLEAN),
            Map.entry(LocalDate.class, Kind.DATE));

    private final Deserializer<T> lenient;
    private final Kind kind;
    private final Class<?> type;

    StrictJson(Deserializer<T> lenient, Kind kind, Class<?> type) {
        this.lenient = lenient;
        this.kind = kind;
        this.type = type;
    }

    /**
     * JSON text sent by a client: the body of a request whose content type is JSON. A form's fields reach the same
     * decoder (Micronaut turns the form into a tree of texts first) and keep its conversions; so do reads outside a
     * request (stored JSON, the test client).
     */
    static boolean strict(Decoder decoder) {
        if (!(decoder instanceof JacksonDecoder)) {
            return false;
        }
        return ServerRequestContext.currentRequest().flatMap(HttpRequest::getContentType)
                .map(type -> type.getExtension().equals("json") || type.getSubtype().endsWith("+json"))
                .orElse(false);
    }

    static Kind kindOf(Class<?> type) {
        return type.isEnum() ? Kind.ENUM : KINDS.get(type);
    }

    @Override
    public Deserializer<T> createSpecific(DecoderContext context, Argument<? super T> argument) throws SerdeException {
        Deserializer<T> specific = lenient.createSpecific(context, argument);
        return specific == lenient ? this : new StrictJson<>(specific, kind, type);
    }

    @Override
    public boolean allowNull() {
        return lenient.allowNull();
    }

    @Override
    public T getDefaultValue(DecoderContext context, Argument<? super T> argument) {
        return lenient.getDefaultValue(context, argument);
    }

    @Override
    public T deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super T> argument)
            throws IOException {
        if (kind == Kind.DATE || kind == Kind.ENUM) {
            return decoder.decodeNull() ? null : deserialize(decoder, context, argument);
        }
        if (!strict(decoder)) {
            T value = lenient.deserializeNullable(decoder, context, argument);
            if (kind == Kind.TEXT && value instanceof String text && !PlainText.storable(text)) {
                throw new JsonValueRefused("json.text-unstorable");
            }
            return value;
        }
        if (!type.isPrimitive() && decoder.decodeNull()) {
            return null;
        }
        return deserialize(decoder, context, argument);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(Decoder decoder, DecoderContext context, Argument<? super T> argument) throws IOException {
        if ((kind == Kind.DATE || kind == Kind.ENUM) && strict(decoder)) {
            // a date or a choice is written as text: not an epoch day, a list of one, or an object
            JsonNode node = decoder.decodeNode();
            if (!node.isString()) {
                throw new JsonValueRefused(kind == Kind.DATE ? "json.date" : "json.choice");
            }
            decoder = JsonNodeDecoder.create(node,
                    LimitingStream.DEFAULT_LIMITS);
        }
        if (kind == Kind.ENUM) {
            return lenient.deserialize(decoder, context, argument);
        }
        if (kind == Kind.DATE) {
            T date = lenient.deserialize(decoder, context, argument);
            if (date instanceof LocalDate d && !SaneDate.within(d)) {
                throw new JsonValueRefused("json.date-out-of-range");
            }
            return date;
        }
        if (!strict(decoder)) {
            T value = lenient.deserialize(decoder, context, argument);
            if (kind == Kind.TEXT && value instanceof String text && !PlainText.storable(text)) {
                throw new JsonValueRefused("json.text-unstorable");
            }
            return value;
        }
        JsonNode node = decoder.decodeNode();
        return (T) switch (kind) {
            case WHOLE -> whole(node);
            case DECIMAL -> decimal(node);
            case TEXT -> text(node);
            case DATE, ENUM -> throw new IllegalStateException("dates and choices are read above");
            case BOOLEAN -> {
                if (!node.isBoolean()) {
                    throw new JsonValueRefused("json.boolean");
                }
                yield node.getBooleanValue();
            }
        };
    }

    private Object whole(JsonNode node) throws JsonValueRefused {
        if (!node.isNumber()) {
            throw new JsonValueRefused("json.whole-number");
        }
        Number n = node.getNumberValue();
        if (n instanceof Double || n instanceof Float || n instanceof BigDecimal) {
            throw new JsonValueRefused("json.whole-number");
        }
        BigInteger value = n instanceof BigInteger b ? b : BigInteger.valueOf(n.longValue());
        if (type == BigInteger.class) {
            return value;
        }
        long min;
        long max;
        if (type == long.class || type == Long.class) {
            min = Long.MIN_VALUE;
            max = Long.MAX_VALUE;
        } else if (type == int.class || type == Integer.class) {
            min = Integer.MIN_VALUE;
            max = Integer.MAX_VALUE;
        } else if (type == short.class || type == Short.class) {
            min = Short.MIN_VALUE;
            max = Short.MAX_VALUE;
        } else {
            min = Byte.MIN_VALUE;
            max = Byte.MAX_VALUE;
        }
        if (value.bitLength() > 63 || value.longValue() < min || value.longValue() > max) {
            throw new JsonValueRefused("json.number-out-of-range");
        }
        long v = value.longValue();
        if (type == long.class || type == Long.class) {
            return v;
        }
        if (type == int.class || type == Integer.class) {
            return (int) v;
        }
        if (type == short.class || type == Short.class) {
            return (short) v;
        }
        return (byte) v;
    }

    private Object decimal(JsonNode node) throws JsonValueRefused {
        if (!node.isNumber()) {
            throw new JsonValueRefused("json.number");
        }
        Number n = node.getNumberValue();
        BigDecimal value = n instanceof BigDecimal d ? d
                : n instanceof BigInteger b ? new BigDecimal(b)
                : (n instanceof Double || n instanceof Float) ? new BigDecimal(n.toString())
                : BigDecimal.valueOf(n.longValue());
        if (type == BigDecimal.class) {
            return value;
        }
        double d = value.doubleValue();
        if (Double.isInfinite(d)) {
            throw new JsonValueRefused("json.number-out-of-range");
        }
        return (type == float.class || type == Float.class) ? (Object) (float) d : (Object) d;
    }

    private Object text(JsonNode node) throws JsonValueRefused {
        if (!node.isString()) {
            throw new JsonValueRefused("json.text");
        }
        String value = node.getStringValue();
        if (!PlainText.storable(value)) {
            throw new JsonValueRefused("json.text-unstorable");
        }
        return value;
    }
}
