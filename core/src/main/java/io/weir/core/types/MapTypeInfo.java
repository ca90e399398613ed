package io.weir.core.types;

import io.weir.core.serialization.MapSerializer;
import io.weir.core.serialization.SerializerConfig;
import io.weir.core.serialization.TypeComparator;
import io.weir.core.serialization.TypeSerializer;
import java.util.Map;
import java.util.Objects;

/** A {@link Map}; read back as a {@code LinkedHashMap} in the written order. Not a key type. */
public final class MapTypeInfo<K, V> implements TypeInfo<Map<K, V>> {

    private static final long serialVersionUID = 1L;

    private final TypeInfo<K> keyType;
    private final TypeInfo<V> valueType;

    public MapTypeInfo(TypeInfo<K> keyType, TypeInfo<V> valueType) {
        this.keyType = Objects.requireNonNull(keyType, "keyType is null");
        this.valueType = Objects.requireNonNull(valueType, "valueType is null");
    }

    public TypeInfo<K> keyType() {
        return keyType;
    }

    public TypeInfo<V> valueType() {
        return valueType;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Class<Map<K, V>> typeClass() {
        return (Class) Map.class;
    }

    @Override
    public TypeSerializer<Map<K, V>> createSerializer(SerializerConfig config) {
        return new MapSerializer<>(keyType.createSerializer(config), valueType.createSerializer(config));
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public String whyNotAKey() {
        return "maps have no order";
    }

    @Override
    public TypeComparator<Map<K, V>> createComparator(boolean ascending, SerializerConfig config) {
        throw NotAKey.of(this);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MapTypeInfo<?, ?> that
                && that.keyType.equals(keyType)
                && that.valueType.equals(valueType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keyType, valueType);
    }

    @Override
    public String toString() {
        return "Map<" + keyType + ", " + valueType + ">";
    }
}
