package cn.moralbank.points.infra.axon;

import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Axon's Jackson serializer, remembering the class each stored type name resolved to: Axon's asks Jackson's type
 * factory, which asks the class loader ({@code Class.forName}) again for every event read (a rebuild's profile,
 * docs/performance.md, "Session 12"). A name that resolved to no class is not remembered here (Axon's own serializer
 * remembers those).
 */
final class ClassCachingSerializer extends JacksonSerializer {
    private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();

    ClassCachingSerializer(JacksonSerializer.Builder builder) {
        super(builder);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        String name = type.getName();
        Class<?> known = classes.get(name);
        if (known != null) {
            return known;
        }
        Class<?> resolved = super.classForType(type);
        if (resolved != UnknownSerializedType.class && resolved != Void.class) {
            classes.put(name, resolved);
        }
        return resolved;
    }
}
