package io.weir.core.serialization;

import io.weir.memory.view.DataInputView;
import io.weir.memory.view.DataOutputView;
import java.io.IOException;
import java.util.Objects;

/**
 * Serializes enum constants by ordinal (a varint): compact, and within one job every process has
 * the same enum class.
 */
public final class EnumSerializer<E extends Enum<E>> implements TypeSerializer<E> {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean hasCanonicalBytes() {
        return true;
    }

    private final Class<E> enumClass;
    private transient E[] constants;

    public EnumSerializer(Class<E> enumClass) {
        this.enumClass = Objects.requireNonNull(enumClass, "enumClass is null");
        if (!enumClass.isEnum()) {
            throw new IllegalArgumentException(enumClass.getName() + " is not an enum");
        }
    }

    private E[] constants() {
        E[] result = constants;
        if (result == null) {
            result = enumClass.getEnumConstants();
            constants = result;
        }
        return result;
    }

    @Override
    public void serialize(E value, DataOutputView target) throws IOException {
        target.writeVarInt(value.ordinal());
    }

    @Override
    public E deserialize(DataInputView source) throws IOException {
        int ordinal = source.readVarInt();
        E[] values = constants();
        if (ordinal < 0 || ordinal >= values.length) {
            throw new IOException("ordinal " + ordinal + " is not a constant of " + enumClass.getName());
        }
        return values[ordinal];
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        target.writeVarInt(source.readVarInt());
    }

    @Override
    public E copy(E value) {
        return value;
    }

    @Override
    public boolean isImmutable() {
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EnumSerializer<?> that && that.enumClass == enumClass;
    }

    @Override
    public int hashCode() {
        return enumClass.hashCode();
    }

    @Override
    public String toString() {
        return "EnumSerializer<" + enumClass.getSimpleName() + ">";
    }
}
