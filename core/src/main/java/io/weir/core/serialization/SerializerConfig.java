package io.weir.core.serialization;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a job's types are serialized, beyond what their {@code TypeInfo}s decide: whether the Kryo
 * fallback is allowed, and how Kryo is set up.
 *
 * @param genericTypesAllowed whether types without a specialised serializer may fall back to Kryo
 *     ({@code pipeline.generic-types}); when false, such a type is an error naming the class
 * @param kryoReferences whether Kryo tracks shared and cyclic references (needed for object graphs
 *     with cycles; slower)
 * @param kryoSerializers Kryo serializer classes to use for given types
 * @param kryoRegisteredTypes types to register with Kryo up front, so that their class names are
 *     not written with every record
 */
public record SerializerConfig(
        boolean genericTypesAllowed,
        boolean kryoReferences,
        Map<Class<?>, Class<? extends com.esotericsoftware.kryo.Serializer<?>>> kryoSerializers,
        List<Class<?>> kryoRegisteredTypes)
        implements Serializable {

    public static final SerializerConfig DEFAULT = new SerializerConfig(true, false, Map.of(), List.of());

    public SerializerConfig {
        kryoSerializers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(kryoSerializers));
        kryoRegisteredTypes = List.copyOf(kryoRegisteredTypes);
    }

    public SerializerConfig withGenericTypesAllowed(boolean allowed) {
        return new SerializerConfig(allowed, kryoReferences, kryoSerializers, kryoRegisteredTypes);
    }

    public SerializerConfig withKryoReferences(boolean references) {
        return new SerializerConfig(genericTypesAllowed, references, kryoSerializers, kryoRegisteredTypes);
    }

    public SerializerConfig withKryoSerializer(
            Class<?> type, Class<? extends com.esotericsoftware.kryo.Serializer<?>> serializer) {
        Map<Class<?>, Class<? extends com.esotericsoftware.kryo.Serializer<?>>> serializers =
                new LinkedHashMap<>(kryoSerializers);
        serializers.put(type, serializer);
        return new SerializerConfig(genericTypesAllowed, kryoReferences, serializers, kryoRegisteredTypes);
    }

    public SerializerConfig withKryoRegisteredType(Class<?> type) {
        List<Class<?>> types = new java.util.ArrayList<>(kryoRegisteredTypes);
        types.add(type);
        return new SerializerConfig(genericTypesAllowed, kryoReferences, kryoSerializers, types);
    }
}
