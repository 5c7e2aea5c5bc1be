package cn.moralbank.points.infra.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.io.buffer.ByteBuffer;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.json.JsonFeatures;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.JsonStreamConfig;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.SerdeRegistry;
import io.micronaut.serde.config.DeserializationConfiguration;
import io.micronaut.serde.config.SerdeConfiguration;
import io.micronaut.serde.config.SerializationConfiguration;
import io.micronaut.serde.jackson.JacksonJsonMapper;
import io.micronaut.serde.jackson.JacksonObjectMapper;
import io.micronaut.serde.jackson.SerdeJacksonConfiguration;
import io.micronaut.context.annotation.BootstrapContextCompatible;
import io.micronaut.context.annotation.Primary;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.reactivestreams.Processor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The application's JSON mapper: Micronaut serde's, except that a document is one JSON value and nothing after it.
 * Serde reads the first value and ignores the rest ({@code {"points":1} {"points":99}}, {@code {...}]},
 * {@code {...} garbage}), which Jackson's FAIL_ON_TRAILING_TOKENS would refuse; serde has no such setting. Every
 * request body of the API, and any tree built from one, is read through this bean, so every route refuses text
 * after the body ({@code json.trailing}, 400 in the caller's language) before anything runs. White space after the
 * value is not text.
 */
@Singleton
@Primary
@BootstrapContextCompatible
@Replaces(JacksonJsonMapper.class)
public final class OneJsonValue implements JacksonObjectMapper {
    private static final JsonFactory PLAIN = new JsonFactory();
    private final JacksonObjectMapper delegate;

    @Inject
    public OneJsonValue(SerdeRegistry registry, SerdeConfiguration serdeConfiguration,
                        SerdeJacksonConfiguration jacksonConfiguration) {
        this(new JacksonJsonMapper(registry, serdeConfiguration, jacksonConfiguration));
    }

    private OneJsonValue(JacksonObjectMapper delegate) {
        this.delegate = delegate;
    }

    private static JsonMapper wrap(JsonMapper mapper) {
        return mapper instanceof JacksonObjectMapper jackson && !(mapper instanceof OneJsonValue)
                ? new OneJsonValue(jackson) : mapper;
    }

    /**
     * Refuses a document that is not UTF-8 text as RFC 8259 §8.1 asks (no byte-order mark, no UTF-16 or UTF-32,
     * no bytes that are not UTF-8, no NUL byte: JSON text never holds one raw), or that a request declared in
     * another charset ({@code json.encoding}). Jackson would guess the encoding from the first bytes and read on.
     */
    static void requireUtf8(byte[] document) throws JsonValueRefused {
        boolean bom = document.length >= 2 && ((document[0] & 0xff) == 0xfe || (document[0] & 0xff) == 0xff
                || (document[0] & 0xff) == 0xef && (document[1] & 0xff) == 0xbb);
        if (bom || declaredCharsetIsNotUtf8()) {
            throw new JsonValueRefused("json.encoding");
        }
        for (byte b : document) {
            if (b == 0) {
                throw new JsonValueRefused("json.encoding");
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(document));
        } catch (CharacterCodingException e) {
            throw new JsonValueRefused("json.encoding");
        }
    }

    private static boolean declaredCharsetIsNotUtf8() {
        return ServerRequestContext.currentRequest().flatMap(HttpRequest::getContentType)
                .flatMap(type -> type.getParameters().get("charset"))
                .map(charset -> !charset.strip().replace("\"", "").toLowerCase(Locale.ROOT).matches("utf-?8"))
                .orElse(false);
    }

    /** Refuses a document with anything but white space after its first value (and one not in UTF-8). */
    static void requireOneValue(byte[] document) throws IOException {
        requireUtf8(document);
        try (JsonParser parser = PLAIN.createParser(document)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return; // empty: the reader says what it says about an empty body
            }
            if (first.isScalarValue()) {
                // Jackson reads a string lazily: an unterminated one ("x) fails here, malformed, not as text after it
                parser.getText();
            }
            parser.skipChildren();
            JsonToken after;
            try {
                after = parser.nextToken();
            } catch (JsonParseException e) {
                throw new JsonValueRefused("json.trailing");
            }
            if (after != null) {
                throw new JsonValueRefused("json.trailing");
            }
        }
    }

    @Override
    public <T> T readValue(@NonNull byte[] byteArray, @NonNull Argument<T> type) throws IOException {
        requireOneValue(byteArray);
        return delegate.readValue(byteArray, type);
    }

    @Override
    public <T> T readValue(@NonNull InputStream inputStream, @NonNull Argument<T> type) throws IOException {
        return readValue(inputStream.readAllBytes(), type);
    }

    @Override
    public <T> T readValue(@NonNull ByteBuffer<?> byteBuffer, @NonNull Argument<T> type) throws IOException {
        return readValue(byteBuffer.toByteArray(), type);
    }

    @Override
    public <T> T readValue(@NonNull String string, @NonNull Argument<T> type) throws IOException {
        return readValue(string.getBytes(StandardCharsets.UTF_8), type);
    }

    @Override
    public <T> T readValueFromTree(@NonNull JsonNode tree, @NonNull Argument<T> type) throws IOException {
        return delegate.readValueFromTree(tree, type);
    }

    @Override
    public void updateValueFromTree(Object value, @NonNull JsonNode tree) throws IOException {
        delegate.updateValueFromTree(value, tree);
    }

    @Override
    public @NonNull JsonNode writeValueToTree(Object value) throws IOException {
        return delegate.writeValueToTree(value);
    }

    @Override
    public <T> @NonNull JsonNode writeValueToTree(@NonNull Argument<T> type, T value) throws IOException {
        return delegate.writeValueToTree(type, value);
    }

    @Override
    public void writeValue(@NonNull OutputStream outputStream, Object object) throws IOException {
        delegate.writeValue(outputStream, object);
    }

    @Override
    public <T> void writeValue(@NonNull OutputStream outputStream, @NonNull Argument<T> type, T object)
            throws IOException {
        delegate.writeValue(outputStream, type, object);
    }

    @Override
    public byte[] writeValueAsBytes(Object object) throws IOException {
        return delegate.writeValueAsBytes(object);
    }

    @Override
    public <T> byte[] writeValueAsBytes(@NonNull Argument<T> type, T object) throws IOException {
        return delegate.writeValueAsBytes(type, object);
    }

    @Override
    public @NonNull JsonStreamConfig getStreamConfig() {
        return delegate.getStreamConfig();
    }

    @Override
    public @NonNull SerdeRegistry getSerdeRegistry() {
        return delegate.getSerdeRegistry();
    }

    @Override
    public @NonNull JsonMapper createSpecific(@NonNull Argument<?> type) {
        return wrap(delegate.createSpecific(type));
    }

    @Override
    public @NonNull JsonMapper cloneWithFeatures(@NonNull JsonFeatures features) {
        return wrap(delegate.cloneWithFeatures(features));
    }

    @Override
    public @NonNull JsonMapper cloneWithViewClass(@NonNull Class<?> viewClass) {
        return wrap(delegate.cloneWithViewClass(viewClass));
    }

    @Override
    public @NonNull ObjectMapper cloneWithConfiguration(SerdeConfiguration configuration,
                                                        SerializationConfiguration serialization,
                                                        DeserializationConfiguration deserialization) {
        return (ObjectMapper) wrap(delegate.cloneWithConfiguration(configuration, serialization, deserialization));
    }

    @Override
    public @NonNull JacksonObjectMapper cloneWithConfiguration(SerdeJacksonConfiguration configuration) {
        return (JacksonObjectMapper) wrap(delegate.cloneWithConfiguration(configuration));
    }

    @Override
    public Optional<JsonFeatures> detectFeatures(
            @NonNull AnnotationMetadata annotations) {
        return delegate.detectFeatures(annotations);
    }

    @Override
    public @NonNull Processor<byte[], JsonNode> createReactiveParser(
            Consumer<Processor<byte[], JsonNode>> onSubscribe,
            boolean streamArray) {
        return delegate.createReactiveParser(onSubscribe, streamArray);
    }
}
