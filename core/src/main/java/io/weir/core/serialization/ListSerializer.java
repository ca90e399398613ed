package io.weir.core.serialization;

import io.weir.memory.view.DataInputView;
import io.weir.memory.view.DataOutputView;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Serializes lists as a varint size, then for each element a presence byte (0 for {@code null}) and
 * the element. Lists are read back as {@link ArrayList}s.
 */
public final class ListSerializer<E> implements TypeSerializer<List<E>> {

    private static final long serialVersionUID = 1L;

    private final TypeSerializer<E> elementSerializer;

    public ListSerializer(TypeSerializer<E> elementSerializer) {
        this.elementSerializer = Objects.requireNonNull(elementSerializer, "elementSerializer is null");
    }

    public TypeSerializer<E> elementSerializer() {
        return elementSerializer;
    }

    @Override
    public void serialize(List<E> value, DataOutputView target) throws IOException {
        target.writeVarInt(value.size());
        for (E element : value) {
            NullableValues.write(element, elementSerializer, target);
        }
    }

    @Override
    public List<E> deserialize(DataInputView source) throws IOException {
        int size = source.readVarInt();
        List<E> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(NullableValues.read(elementSerializer, source));
        }
        return list;
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int size = source.readVarInt();
        target.writeVarInt(size);
        for (int i = 0; i < size; i++) {
            NullableValues.copy(elementSerializer, source, target);
        }
    }

    @Override
    public List<E> copy(List<E> value) {
        List<E> copy = new ArrayList<>(value.size());
        for (E element : value) {
            copy.add(NullableValues.deepCopy(element, elementSerializer));
        }
        return copy;
    }

    @Override
    public TypeSerializer<List<E>> duplicate() {
        TypeSerializer<E> element = elementSerializer.duplicate();
        return element == elementSerializer ? this : new ListSerializer<>(element);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ListSerializer<?> that && that.elementSerializer.equals(elementSerializer);
    }

    @Override
    public int hashCode() {
        return elementSerializer.hashCode() * 31 + 1;
    }

    @Override
    public String toString() {
        return "ListSerializer<" + elementSerializer + ">";
    }
}
