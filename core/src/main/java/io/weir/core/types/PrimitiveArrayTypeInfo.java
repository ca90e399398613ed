package io.weir.core.types;

import io.weir.core.serialization.PrimitiveArraySerializer;
import io.weir.core.serialization.SerializerConfig;
import io.weir.core.serialization.TypeComparator;
import io.weir.core.serialization.TypeSerializer;

/** An array of a primitive type ({@code int[]}, {@code byte[]}, ...). Not a key type. */
public final class PrimitiveArrayTypeInfo<A> implements TypeInfo<A> {

    private static final long serialVersionUID = 1L;

    private final PrimitiveArraySerializer.Kind kind;

    private PrimitiveArrayTypeInfo(PrimitiveArraySerializer.Kind kind) {
        this.kind = kind;
    }

    /** The type info of a primitive array class, or {@code null} if it is not one. */
    public static <A> PrimitiveArrayTypeInfo<A> forClass(Class<A> arrayClass) {
        PrimitiveArraySerializer.Kind kind = PrimitiveArraySerializer.Kind.of(arrayClass);
        return kind == null ? null : new PrimitiveArrayTypeInfo<>(kind);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Class<A> typeClass() {
        return (Class<A>) kind.arrayClass();
    }

    @Override
    public TypeSerializer<A> createSerializer(SerializerConfig config) {
        return new PrimitiveArraySerializer<>(kind);
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
    public TypeComparator<A> createComparator(boolean ascending, SerializerConfig config) {
        throw NotAKey.of(this);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PrimitiveArrayTypeInfo<?> that && that.kind == kind;
    }

    @Override
    public int hashCode() {
        return kind.hashCode();
    }

    @Override
    public String toString() {
        return kind.arrayClass().getSimpleName();
    }
}
