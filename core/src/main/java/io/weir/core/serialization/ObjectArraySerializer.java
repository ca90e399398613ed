package io.weir.core.serialization;

import io.weir.memory.view.DataInputView;
import io.weir.memory.view.DataOutputView;
import java.io.IOException;
import java.lang.reflect.Array;
import java.util.Objects;

/**
 * Serializes arrays of objects: a varint length, then for each element a presence byte (0 for
 * {@code null}) and the element.
 */
public final class ObjectArraySerializer<E> implements TypeSerializer<E[]> {

    private static final long serialVersionUID = 1L;

    private final Class<E> componentClass;
    private final TypeSerializer<E> elementSerializer;

    public ObjectArraySerializer(Class<E> componentClass, TypeSerializer<E> elementSerializer) {
        this.componentClass = Objects.requireNonNull(componentClass, "componentClass is null");
        this.elementSerializer = Objects.requireNonNull(elementSerializer, "elementSerializer is null");
    }

    @Override
    public void serialize(E[] value, DataOutputView target) throws IOException {
        target.writeVarInt(value.length);
        for (E element : value) {
            NullableValues.write(element, elementSerializer, target);
        }
    }

    @Override
    public E[] deserialize(DataInputView source) throws IOException {
        int length = source.readVarInt();
        E[] array = newArray(length);
        for (int i = 0; i < length; i++) {
            array[i] = NullableValues.read(elementSerializer, source);
        }
        return array;
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int length = source.readVarInt();
        target.writeVarInt(length);
        for (int i = 0; i < length; i++) {
            NullableValues.copy(elementSerializer, source, target);
        }
    }

    @Override
    public E[] copy(E[] value) {
        E[] copy = newArray(value.length);
        for (int i = 0; i < value.length; i++) {
            copy[i] = NullableValues.deepCopy(value[i], elementSerializer);
        }
        return copy;
    }

    @SuppressWarnings("unchecked")
    private E[] newArray(int length) {
        return (E[]) Array.newInstance(componentClass, length);
    }

    @Override
    public TypeSerializer<E[]> duplicate() {
        TypeSerializer<E> element = elementSerializer.duplicate();
        return element == elementSerializer ? this : new ObjectArraySerializer<>(componentClass, element);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ObjectArraySerializer<?> that
                && that.componentClass == componentClass
                && that.elementSerializer.equals(elementSerializer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(componentClass, elementSerializer);
    }

    @Override
    public String toString() {
        return "ObjectArraySerializer<" + elementSerializer + ">";
    }
}
