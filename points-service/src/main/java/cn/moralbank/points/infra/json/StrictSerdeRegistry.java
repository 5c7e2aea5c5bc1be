package cn.moralbank.points.infra.json;

import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.ConversionService;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.SerdeIntrospections;
import io.micronaut.serde.SerdeRegistry;
import io.micronaut.serde.config.DeserializationConfiguration;
import io.micronaut.serde.config.SerdeConfiguration;
import io.micronaut.serde.config.SerializationConfiguration;
import io.micronaut.serde.exceptions.SerdeException;
import io.micronaut.serde.support.DefaultSerdeRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * The one place where JSON values become Java numbers, texts and booleans: every request body of the API is read
 * through it, so no record and no service can forget. Whole numbers only from JSON integers (never {@code true},
 * {@code "12"}, {@code "１２"}, {@code [12]} or {@code 4.9}), texts only from JSON strings and only what can be kept
 * ({@link StrictJson}), lists and maps without a null in them ({@link NoNullItems}). Form bodies, whose values are all
 * text, keep Micronaut's conversions.
 */
@Singleton
@Replaces(DefaultSerdeRegistry.class)
public class StrictSerdeRegistry extends DefaultSerdeRegistry {
    private final BeanContext beanContext;
    private final SerdeIntrospections introspections;
    private final ConversionService conversionService;

    @Inject
    public StrictSerdeRegistry(BeanContext beanContext, SerdeIntrospections introspections,
                               ConversionService conversionService, SerdeConfiguration serdeConfiguration,
                               SerializationConfiguration serializationConfiguration,
                               DeserializationConfiguration deserializationConfiguration) {
        super(beanContext, introspections, conversionService, serdeConfiguration, serializationConfiguration,
                deserializationConfiguration);
        this.beanContext = beanContext;
        this.introspections = introspections;
        this.conversionService = conversionService;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> Deserializer<? extends T> findDeserializer(Argument<? extends T> type) throws SerdeException {
        Deserializer<? extends T> lenient = super.findDeserializer(type);
        if (NoNullItems.applies(type.getType())) {
            return new NoNullItems(lenient);
        }
        StrictJson.Kind kind = StrictJson.kindOf(type.getType());
        return kind == null ? lenient : new StrictJson(lenient, kind, type.getType());
    }

    @Override
    public SerdeRegistry cloneWithConfiguration(SerdeConfiguration serdeConfiguration,
                                                SerializationConfiguration serializationConfiguration,
                                                DeserializationConfiguration deserializationConfiguration) {
        return new StrictSerdeRegistry(beanContext, introspections, conversionService, serdeConfiguration,
                serializationConfiguration, deserializationConfiguration);
    }
}
