package io.weir.core.types;

import io.weir.core.serialization.ObjectArraySerializer;
import io.weir.core.serialization.SerializerConfig;
import io.weir.core.serialization.TypeComparator;
import io.weir.core.serialization.TypeSerializer;
import java.lang.reflect.Array;
import java.util.Objects;

/** An array of objects ({@code String[]}, {@code Order[]}, {@code int[][]}). Not a key type. */
public final class ObjectArrayTypeInfo<E> implements TypeInfo<E[]> {

    private static final long serialVersionUID = 1L;

    private final TypeInfo<E> elementType;
    private final Class<E> componentClass;

    public ObjectArrayTypeInfo(Class<E> componentClass, TypeInfo<E> elementType) {
        this.componentClass = Objects.requireNonNull(componentClass, "componentClass is null");
        this.elementType = Objects.requireNonNull(elementType, "elementType is null");
    }

    public TypeInfo<E> elementType() {
        return elementType;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Class<E[]> typeClass() {
        return (Class<E[]>) Array.newInstance(componentClass, 0).getClass();
    }

    @Override
    public TypeSerializer<E[]> createSerializer(SerializerConfig config) {
        return new ObjectArraySerializer<>(componentClass, elementType.createSerializer(config));
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public String whyNotAKey() {
        return "arrays have no order";
    }

    @Override
    public TypeComparator<E[]> createComparator(boolean ascending, SerializerConfig config) {
        throw NotAKey.of(this);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ObjectArrayTypeInfo<?> that
                && that.componentClass == componentClass
                && that.elementType.equals(elementType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(componentClass, elementType);
    }

    @Override
    public String toString() {
        return elementType + "[]";
    }
}
