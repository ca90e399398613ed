package io.weir.core.types;

import io.weir.core.serialization.ListSerializer;
import io.weir.core.serialization.SerializerConfig;
import io.weir.core.serialization.TypeComparator;
import io.weir.core.serialization.TypeSerializer;
import java.util.List;
import java.util.Objects;

/** A {@link List} of elements of one type; read back as an {@code ArrayList}. Not a key type. */
public final class ListTypeInfo<E> implements TypeInfo<List<E>> {

    private static final long serialVersionUID = 1L;

    private final TypeInfo<E> elementType;

    public ListTypeInfo(TypeInfo<E> elementType) {
        this.elementType = Objects.requireNonNull(elementType, "elementType is null");
    }

    public TypeInfo<E> elementType() {
        return elementType;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Class<List<E>> typeClass() {
        return (Class) List.class;
    }

    @Override
    public TypeSerializer<List<E>> createSerializer(SerializerConfig config) {
        return new ListSerializer<>(elementType.createSerializer(config));
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public String whyNotAKey() {
        return "lists have no order";
    }

    @Override
    public TypeComparator<List<E>> createComparator(boolean ascending, SerializerConfig config) {
        throw NotAKey.of(this);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ListTypeInfo<?> that && that.elementType.equals(elementType);
    }

    @Override
    public int hashCode() {
        return elementType.hashCode() * 31 + 7;
    }

    @Override
    public String toString() {
        return "List<" + elementType + ">";
    }
}
