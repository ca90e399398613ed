package io.weir.core.serialization;

import io.weir.memory.view.DataInputView;
import io.weir.memory.view.DataOutputView;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Serializes records, POJOs and tuples: the fields in order, after a bitmap that marks the {@code
 * null} ones among the fields that can be {@code null} (fields of primitive type cannot and get no
 * bit).
 *
 * <pre>
 *   ┌─────────────────────────────┬─────────┬─────────┬───┬─────────┐
 *   │ null bitmap                 │ field 0 │ field 1 │ … │ field n │   (null fields omitted)
 *   │ ceil(nullableFields/8) bytes│         │         │   │         │
 *   └─────────────────────────────┴─────────┴─────────┴───┴─────────┘
 * </pre>
 *
 * The differences between records, POJOs and tuples live in the {@link CompositeAccess}.
 */
public final class CompositeSerializer<T> implements TypeSerializer<T> {

    private static final long serialVersionUID = 1L;

    private final CompositeAccess<T> access;
    private final TypeSerializer<Object>[] fieldSerializers;
    private final boolean[] nullable;
    private final int bitmapBytes;
    private final int length;
    private final boolean immutable;
    /** Whether every field's values are immutable: a copy is then a new value with the same fields. */
    private final boolean immutableFields;
    /** The generated code for this type's fields, once asked for; {@code null} where there is none. */
    private transient FieldCodec codec;

    private transient boolean codecResolved;

    /**
     * @param access how to read and build values
     * @param fieldSerializers a serializer per field, in field order
     * @param nullable per field, whether it can be {@code null} (false for primitive fields)
     */
    @SuppressWarnings("unchecked")
    public CompositeSerializer(
            CompositeAccess<T> access, List<? extends TypeSerializer<?>> fieldSerializers, boolean[] nullable) {
        this.access = Objects.requireNonNull(access, "access is null");
        if (fieldSerializers.size() != nullable.length) {
            throw new IllegalArgumentException("one nullability flag per field is needed");
        }
        this.fieldSerializers = fieldSerializers.toArray(new TypeSerializer[0]);
        this.nullable = nullable.clone();
        int nullableFields = 0;
        int fixed = 0;
        boolean allImmutable = true;
        for (int i = 0; i < nullable.length; i++) {
            if (nullable[i]) {
                nullableFields++;
            }
            int fieldLength = this.fieldSerializers[i].length();
            fixed = fixed < 0 || fieldLength < 0 || nullable[i] ? -1 : fixed + fieldLength;
            allImmutable &= this.fieldSerializers[i].isImmutable();
        }
        this.bitmapBytes = (nullableFields + 7) / 8;
        this.length = fixed;
        this.immutable = access.isImmutable() && allImmutable;
        this.immutableFields = allImmutable;
    }

    public CompositeAccess<T> access() {
        return access;
    }

    /** Whether field {@code field} can be {@code null}. */
    boolean isNullable(int field) {
        return nullable[field];
    }

    int arity() {
        return fieldSerializers.length;
    }

    /** The field serializers themselves (for {@link FieldCodecs}): not to be changed. */
    TypeSerializer<Object>[] fieldSerializers() {
        return fieldSerializers;
    }

    /** Per field, whether it can be {@code null} (a copy). */
    boolean[] nullableFields() {
        return nullable.clone();
    }

    /** The generated codec ({@link FieldCodecs}), or {@code null} when the generic loops run. */
    private FieldCodec codec() {
        if (!codecResolved) {
            codec = FieldCodecs.create(access, fieldSerializers, nullable);
            codecResolved = true;
        }
        return codec;
    }

    @Override
    public void serialize(T value, DataOutputView target) throws IOException {
        FieldCodec generated = codec();
        if (generated != null) {
            generated.serialize(value, target);
        } else {
            serializeFields(value, target);
        }
    }

    /** The generic loop: what the generated codec does, field by field through the access. */
    void serializeFields(T value, DataOutputView target) throws IOException {
        TypeSerializer<Object>[] serializers = fieldSerializers;
        int arity = serializers.length;
        if (bitmapBytes == 0) {
            for (int i = 0; i < arity; i++) {
                serializers[i].serialize(access.get(value, i), target);
            }
            return;
        }
        Object[] values = new Object[arity];
        int bits = 0;
        int bit = 0;
        for (int i = 0; i < arity; i++) {
            Object fieldValue = access.get(value, i);
            values[i] = fieldValue;
            if (nullable[i]) {
                if (fieldValue == null) {
                    bits |= 1 << (bit & 7);
                }
                if ((++bit & 7) == 0) {
                    target.writeByte(bits);
                    bits = 0;
                }
            }
        }
        if ((bit & 7) != 0) {
            target.writeByte(bits);
        }
        for (int i = 0; i < arity; i++) {
            if (values[i] != null) {
                serializers[i].serialize(values[i], target);
            }
        }
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        FieldCodec generated = codec();
        if (generated != null) {
            @SuppressWarnings("unchecked")
            T value = (T) generated.deserialize(source);
            return value;
        }
        return deserializeFields(source);
    }

    /** The generic loop: what the generated codec does, field by field through the access. */
    T deserializeFields(DataInputView source) throws IOException {
        TypeSerializer<Object>[] serializers = fieldSerializers;
        int arity = serializers.length;
        Object[] values = new Object[arity];
        if (bitmapBytes == 0) {
            for (int i = 0; i < arity; i++) {
                values[i] = serializers[i].deserialize(source);
            }
        } else {
            boolean[] isNull = readBitmap(source);
            for (int i = 0; i < arity; i++) {
                if (!isNull[i]) {
                    values[i] = serializers[i].deserialize(source);
                }
            }
        }
        return access.create(values);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        boolean[] isNull = null;
        if (bitmapBytes > 0) {
            isNull = readBitmap(source);
            writeBitmap(isNull, target);
        }
        for (int i = 0; i < fieldSerializers.length; i++) {
            if (isNull == null || !isNull[i]) {
                fieldSerializers[i].copy(source, target);
            }
        }
    }

    /** Reads the bitmap and spreads it over the fields: {@code true} where a field is null. */
    private boolean[] readBitmap(DataInputView source) throws IOException {
        boolean[] isNull = new boolean[fieldSerializers.length];
        int bits = 0;
        int bit = 0;
        for (int i = 0; i < isNull.length; i++) {
            if (nullable[i]) {
                if ((bit & 7) == 0) {
                    bits = source.readUnsignedByte();
                }
                isNull[i] = (bits & (1 << (bit & 7))) != 0;
                bit++;
            }
        }
        return isNull;
    }

    private void writeBitmap(boolean[] isNull, DataOutputView target) throws IOException {
        int bits = 0;
        int bit = 0;
        for (int i = 0; i < isNull.length; i++) {
            if (nullable[i]) {
                if (isNull[i]) {
                    bits |= 1 << (bit & 7);
                }
                if ((++bit & 7) == 0) {
                    target.writeByte(bits);
                    bits = 0;
                }
            }
        }
        if ((bit & 7) != 0) {
            target.writeByte(bits);
        }
    }

    @Override
    public T copy(T value) {
        if (immutable) {
            return value;
        }
        if (immutableFields) {
            return access.shallowCopy(value);
        }
        Object[] values = new Object[fieldSerializers.length];
        for (int i = 0; i < values.length; i++) {
            Object fieldValue = access.get(value, i);
            values[i] = fieldValue == null ? null : fieldSerializers[i].copy(fieldValue);
        }
        return access.create(values);
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public boolean isImmutable() {
        return immutable;
    }

    @Override
    public TypeSerializer<T> duplicate() {
        TypeSerializer<?>[] duplicates = new TypeSerializer<?>[fieldSerializers.length];
        boolean changed = false;
        for (int i = 0; i < duplicates.length; i++) {
            duplicates[i] = fieldSerializers[i].duplicate();
            changed |= duplicates[i] != fieldSerializers[i];
        }
        return changed ? new CompositeSerializer<>(access, Arrays.asList(duplicates), nullable) : this;
    }

    /** The serializer of field {@code field}. */
    public TypeSerializer<Object> fieldSerializer(int field) {
        return fieldSerializers[field];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CompositeSerializer<?> that
                && that.access.equals(access)
                && Arrays.equals(that.fieldSerializers, fieldSerializers)
                && Arrays.equals(that.nullable, nullable);
    }

    @Override
    public int hashCode() {
        return access.hashCode() * 31 + Arrays.hashCode(fieldSerializers);
    }

    @Override
    public String toString() {
        return "CompositeSerializer<" + access.type().getSimpleName() + ">" + Arrays.toString(fieldSerializers);
    }
}
