package io.weir.core.types;

import io.weir.core.serialization.BasicKey;
import io.weir.core.serialization.EnumSerializer;
import io.weir.core.serialization.NaturalOrderComparator;
import io.weir.core.serialization.SerializerConfig;
import io.weir.core.serialization.TypeComparator;
import io.weir.core.serialization.TypeSerializer;

/** An enum type: serialized by ordinal, ordered by ordinal (the enum's own order). */
public final class EnumTypeInfo<E extends Enum<E>> implements TypeInfo<E> {

    private static final long serialVersionUID = 1L;

    private final Class<E> enumClass;

    public EnumTypeInfo(Class<E> enumClass) {
        if (!enumClass.isEnum()) {
            throw new InvalidTypesException(enumClass.getName() + " is not an enum");
        }
        this.enumClass = enumClass;
    }

    @Override
    public Class<E> typeClass() {
        return enumClass;
    }

    @Override
    public TypeSerializer<E> createSerializer(SerializerConfig config) {
        return new EnumSerializer<>(enumClass);
    }

    @Override
    public boolean isKeyType() {
        return true;
    }

    @Override
    public TypeComparator<E> createComparator(boolean ascending, SerializerConfig config) {
        return new NaturalOrderComparator<>(new EnumSerializer<>(enumClass), BasicKey.ENUM.typed(), ascending);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EnumTypeInfo<?> that && that.enumClass == enumClass;
    }

    @Override
    public int hashCode() {
        return enumClass.hashCode();
    }

    @Override
    public String toString() {
        return "Enum<" + enumClass.getSimpleName() + ">";
    }
}
