package io.weir.core.types;

import io.weir.core.serialization.BasicKey;
import io.weir.core.serialization.KryoSerializer;
import io.weir.core.serialization.NaturalOrderComparator;
import io.weir.core.serialization.SerializerConfig;
import io.weir.core.serialization.TypeComparator;
import io.weir.core.serialization.TypeSerializer;

/**
 * A type Weir has no specialised serializer for, serialized with Kryo. It can be a key if it is
 * {@link Comparable} (without a normalized key; its {@code hashCode} must not be an identity hash).
 * {@link SerializerConfig#genericTypesAllowed()} can forbid it.
 */
public final class GenericTypeInfo<T> implements TypeInfo<T> {

    private static final long serialVersionUID = 1L;

    private final Class<T> typeClass;

    public GenericTypeInfo(Class<T> typeClass) {
        this.typeClass = typeClass;
    }

    @Override
    public Class<T> typeClass() {
        return typeClass;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        if (!config.genericTypesAllowed()) {
            throw new InvalidTypesException(
                    typeClass.getName() + " would be serialized with Kryo (it is not a record, POJO,"
                            + " tuple or a type Weir knows), and the Kryo fallback is switched off (pipeline.generic-types ="
                            + " false). Make it a record or POJO, or allow generic types.");
        }
        return new KryoSerializer<>(typeClass, config);
    }

    @Override
    public boolean isKeyType() {
        return Comparable.class.isAssignableFrom(typeClass);
    }

    @Override
    public String whyNotAKey() {
        return typeClass.getName() + " is serialized with Kryo and is not Comparable";
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public TypeComparator<T> createComparator(boolean ascending, SerializerConfig config) {
        if (!isKeyType()) {
            throw NotAKey.of(this);
        }
        return (TypeComparator<T>) new NaturalOrderComparator(createSerializer(config), BasicKey.GENERIC, ascending);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GenericTypeInfo<?> that && that.typeClass == typeClass;
    }

    @Override
    public int hashCode() {
        return typeClass.hashCode();
    }

    @Override
    public String toString() {
        return "GenericType<" + typeClass.getName() + ">";
    }
}
