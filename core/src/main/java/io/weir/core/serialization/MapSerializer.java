package io.weir.core.serialization;

import io.weir.memory.view.DataInputView;
import io.weir.memory.view.DataOutputView;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Serializes maps as a varint size, then for each entry the key and the value, each preceded by a
 * presence byte (0 for {@code null}). Maps are read back as {@link LinkedHashMap}s, in the order in
 * which the entries were written.
 */
public final class MapSerializer<K, V> implements TypeSerializer<Map<K, V>> {

    private static final long serialVersionUID = 1L;

    private final TypeSerializer<K> keySerializer;
    private final TypeSerializer<V> valueSerializer;

    public MapSerializer(TypeSerializer<K> keySerializer, TypeSerializer<V> valueSerializer) {
        this.keySerializer = Objects.requireNonNull(keySerializer, "keySerializer is null");
        this.valueSerializer = Objects.requireNonNull(valueSerializer, "valueSerializer is null");
    }

    @Override
    public void serialize(Map<K, V> value, DataOutputView target) throws IOException {
        target.writeVarInt(value.size());
        for (Map.Entry<K, V> entry : value.entrySet()) {
            NullableValues.write(entry.getKey(), keySerializer, target);
            NullableValues.write(entry.getValue(), valueSerializer, target);
        }
    }

    @Override
    public Map<K, V> deserialize(DataInputView source) throws IOException {
        int size = source.readVarInt();
        Map<K, V> map = new LinkedHashMap<>(Math.max(16, (int) (size / 0.75f) + 1));
        for (int i = 0; i < size; i++) {
            K key = NullableValues.read(keySerializer, source);
            V value = NullableValues.read(valueSerializer, source);
            map.put(key, value);
        }
        return map;
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int size = source.readVarInt();
        target.writeVarInt(size);
        for (int i = 0; i < size; i++) {
            NullableValues.copy(keySerializer, source, target);
            NullableValues.copy(valueSerializer, source, target);
        }
    }

    @Override
    public Map<K, V> copy(Map<K, V> value) {
        Map<K, V> copy = new LinkedHashMap<>(Math.max(16, (int) (value.size() / 0.75f) + 1));
        for (Map.Entry<K, V> entry : value.entrySet()) {
            copy.put(
                    NullableValues.deepCopy(entry.getKey(), keySerializer),
                    NullableValues.deepCopy(entry.getValue(), valueSerializer));
        }
        return copy;
    }

    @Override
    public TypeSerializer<Map<K, V>> duplicate() {
        TypeSerializer<K> key = keySerializer.duplicate();
        TypeSerializer<V> value = valueSerializer.duplicate();
        return key == keySerializer && value == valueSerializer ? this : new MapSerializer<>(key, value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MapSerializer<?, ?> that
                && that.keySerializer.equals(keySerializer)
                && that.valueSerializer.equals(valueSerializer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keySerializer, valueSerializer);
    }

    @Override
    public String toString() {
        return "MapSerializer<" + keySerializer + ", " + valueSerializer + ">";
    }
}
