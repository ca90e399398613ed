package io.weir.core.serialization;

import io.weir.memory.MemorySegment;
import io.weir.memory.view.DataInputView;
import io.weir.memory.view.DataOutputView;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A record, POJO or tuple written as two parts for hash tables that keep keys as bytes: first its
 * key fields, whose bytes are equal exactly when the keys are equal, then its other fields. A table
 * then finds a key by comparing bytes, and reads back and rewrites only the other fields.
 *
 * <pre>
 *   ┌──────────────────────────────────────────┬──────────────────────────────────────────┐
 *   │ key fields, in key order                 │ other fields, in field order             │
 *   │ (a nullable field: 1 presence byte, then │ (a nullable field: 1 presence byte, then │
 *   │  its bytes when present)                 │  its bytes when present)                 │
 *   └──────────────────────────────────────────┴──────────────────────────────────────────┘
 * </pre>
 *
 * It exists for a composite serializer and a comparator on top-level fields whose serializers have
 * {@linkplain TypeSerializer#hasCanonicalBytes() canonical bytes} and whose comparators are natural
 * orders; {@link #of} says {@code null} otherwise. Not thread-safe: one per table.
 */
public final class KeyValueLayout<T> {

    private final CompositeAccess<T> access;
    private final int arity;
    private final int[] keyFields;
    private final int[] valueFields;
    private final TypeSerializer<Object>[] serializers;
    private final boolean[] nullable;
    /** The generated reads and writes ({@link FieldCodecs#layout}); {@code null}: the loops below run. */
    private final KeyValueCodec codec;
    /** The generated reads and writes at page offsets, or {@code null} ({@link #hasFixedOffsets}). */
    private final SlotCodec slots;

    private KeyValueLayout(CompositeSerializer<T> serializer, int[] keyFields, int[] valueFields, boolean generate) {
        this.access = serializer.access();
        this.arity = serializer.arity();
        this.keyFields = keyFields;
        this.valueFields = valueFields;
        @SuppressWarnings("unchecked")
        TypeSerializer<Object>[] fieldSerializers = new TypeSerializer[arity];
        this.serializers = fieldSerializers;
        this.nullable = new boolean[arity];
        for (int i = 0; i < arity; i++) {
            serializers[i] = serializer.fieldSerializer(i).duplicate();
            nullable[i] = serializer.isNullable(i);
        }
        this.codec = generate ? FieldCodecs.layout(access, keyFields, valueFields, serializers, nullable) : null;
        this.slots = generate ? SlotCodecs.create(access, keyFields, valueFields, serializers, nullable) : null;
    }

    /**
     * The layout for records written by {@code serializer} and keyed by {@code comparator}, or
     * {@code null} when their keys cannot be compared as bytes (nested or computed keys, floating
     * point or decimal keys, types without a field-wise serializer).
     */
    public static <T> KeyValueLayout<T> of(TypeSerializer<T> serializer, TypeComparator<T> comparator) {
        return of(serializer, comparator, true);
    }

    /** {@link #of(TypeSerializer, TypeComparator)}, with generated code or (the tests' oracle) without. */
    static <T> KeyValueLayout<T> of(TypeSerializer<T> serializer, TypeComparator<T> comparator, boolean generate) {
        if (!(serializer instanceof CompositeSerializer<T> composite)
                || !(comparator instanceof CompositeComparator<T> keys)) {
            return null;
        }
        List<CompositeComparator.KeyField> fields = keys.keyFields();
        int[] keyFields = new int[fields.size()];
        boolean[] isKey = new boolean[composite.arity()];
        for (int i = 0; i < keyFields.length; i++) {
            CompositeComparator.KeyField field = fields.get(i);
            if (field.path().length != 1 || !(field.comparator() instanceof NaturalOrderComparator<?>)) {
                return null;
            }
            int position = field.path()[0];
            if (position >= isKey.length
                    || isKey[position]
                    || !composite.fieldSerializer(position).hasCanonicalBytes()) {
                return null;
            }
            isKey[position] = true;
            keyFields[i] = position;
        }
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < isKey.length; i++) {
            if (!isKey[i]) {
                values.add(i);
            }
        }
        return new KeyValueLayout<>(
                composite,
                keyFields,
                values.stream().mapToInt(Integer::intValue).toArray(),
                generate);
    }

    /**
     * The most bytes {@link #writeKey} writes, or -1 when that is unbounded (a field of variable
     * length): the key fields' lengths, plus a presence byte for each nullable one.
     */
    public int maxKeyLength() {
        return maxLength(keyFields);
    }

    /** The most bytes {@link #writeValue} writes, or -1 when that is unbounded; as {@link #maxKeyLength}. */
    public int maxValueLength() {
        return maxLength(valueFields);
    }

    private int maxLength(int[] fields) {
        int total = 0;
        for (int field : fields) {
            int length = serializers[field].length();
            if (length < 0) {
                return -1;
            }
            total += length + (nullable[field] ? 1 : 0);
        }
        return total;
    }

    /**
     * Whether equal keys of this layout's records and of {@code other}'s have the same key bytes: as
     * many key fields, each pair written by equal serializers and both nullable or neither. A table of
     * {@code other}'s records may then compare this layout's keys with its stored ones as bytes.
     */
    public boolean writesKeysLike(KeyValueLayout<?> other) {
        if (keyFields.length != other.keyFields.length) {
            return false;
        }
        for (int i = 0; i < keyFields.length; i++) {
            int mine = keyFields[i];
            int theirs = other.keyFields[i];
            if (!serializers[mine].equals(other.serializers[theirs]) || nullable[mine] != other.nullable[theirs]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether records can be read and written straight at an offset of a page by the methods below
     * that take one: every field a primitive that cannot be {@code null}, so each has a fixed
     * offset (key fields first, from 0; then the others, from {@link #maxKeyLength}), with generated
     * code. The bytes are those of {@link #writeKey} and {@link #writeValue}.
     */
    public boolean hasFixedOffsets() {
        return slots != null;
    }

    /** Whether {@code probe}'s key is the key of the entry at {@code offset}; see {@link #hasFixedOffsets}. */
    public boolean keyEquals(T probe, MemorySegment page, int offset) {
        return slots.keyEquals(probe, page, offset);
    }

    /** Writes {@code record}'s key fields at {@code offset}; see {@link #hasFixedOffsets}. */
    public void writeKey(T record, MemorySegment page, int offset) {
        slots.writeKey(record, page, offset);
    }

    /** Writes {@code record}'s other fields after the key of the entry at {@code offset}; see {@link #hasFixedOffsets}. */
    public void writeValue(T record, MemorySegment page, int offset) {
        slots.writeValue(record, page, offset);
    }

    /** {@link #readWithKeyOf(Object, DataInputView)} for the entry at {@code offset}; see {@link #hasFixedOffsets}. */
    public T readWithKeyOf(T keySource, MemorySegment page, int offset) {
        @SuppressWarnings("unchecked")
        T record = (T) slots.readWithKeyOf(keySource, page, offset);
        return record;
    }

    /** {@link #read(DataInputView)} for the entry at {@code offset}; see {@link #hasFixedOffsets}. */
    public T read(MemorySegment page, int offset) {
        @SuppressWarnings("unchecked")
        T record = (T) slots.read(page, offset);
        return record;
    }

    /** Whether generated code does the reads and writes. */
    boolean isGenerated() {
        return codec != null;
    }

    /** Writes the key fields of {@code record}. */
    public void writeKey(T record, DataOutputView target) throws IOException {
        if (codec != null) {
            codec.writeKey(record, target);
            return;
        }
        for (int field : keyFields) {
            writeField(field, access.get(record, field), target);
        }
    }

    /** Writes the other fields of {@code record}. */
    public void writeValue(T record, DataOutputView target) throws IOException {
        if (codec != null) {
            codec.writeValue(record, target);
            return;
        }
        for (int field : valueFields) {
            writeField(field, access.get(record, field), target);
        }
    }

    private void writeField(int field, Object value, DataOutputView target) throws IOException {
        if (nullable[field]) {
            target.writeBoolean(value != null);
            if (value == null) {
                return;
            }
        }
        serializers[field].serialize(value, target);
    }

    /**
     * A record with the key fields of {@code keySource} (a record with the same key) and the other
     * fields read from {@code values}: the stored record, without reading its key.
     */
    public T readWithKeyOf(T keySource, DataInputView values) throws IOException {
        if (codec != null) {
            @SuppressWarnings("unchecked")
            T record = (T) codec.readWithKeyOf(keySource, values);
            return record;
        }
        Object[] fields = new Object[arity];
        for (int field : keyFields) {
            fields[field] = access.get(keySource, field);
        }
        readValues(fields, values);
        return access.create(fields);
    }

    /** Reads a whole record: its key, then its other fields. */
    public T read(DataInputView source) throws IOException {
        if (codec != null) {
            @SuppressWarnings("unchecked")
            T record = (T) codec.read(source);
            return record;
        }
        Object[] fields = new Object[arity];
        for (int field : keyFields) {
            fields[field] = readField(field, source);
        }
        readValues(fields, source);
        return access.create(fields);
    }

    private void readValues(Object[] fields, DataInputView source) throws IOException {
        for (int field : valueFields) {
            fields[field] = readField(field, source);
        }
    }

    private Object readField(int field, DataInputView source) throws IOException {
        if (nullable[field] && !source.readBoolean()) {
            return null;
        }
        return serializers[field].deserialize(source);
    }
}
