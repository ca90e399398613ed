package io.weir.core.serialization;

import io.weir.memory.MemorySegment;
import io.weir.memory.view.DataInputView;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Compares records, POJOs and tuples on one or more key fields, each reached by a path of field
 * positions (so {@code "customer.address.zip"} is a key) and each ascending or descending. A {@code
 * null} key field orders first when ascending and last when descending.
 *
 * <h2>Normalized key</h2>
 *
 * The key fields' normalized keys, concatenated, each preceded by a presence byte when the field can
 * be {@code null}:
 *
 * <pre>
 *   ┌──────────┬────────────────────┬──────────┬────────────────────┬─────
 *   │ present? │ normalized key of  │ present? │ normalized key of  │ ...
 *   │ (1 byte) │ key field 0        │ (1 byte) │ key field 1        │
 *   └──────────┴────────────────────┴──────────┴────────────────────┴─────
 * </pre>
 *
 * It covers the key fields up to and including the first whose own normalized key is unbounded
 * (a string) or cut short by the available bytes, and stops before the first field that has none;
 * in those cases it is a prefix only, and ties are broken by {@link #compare}.
 */
public final class CompositeComparator<T> implements TypeComparator<T> {

    private static final long serialVersionUID = 1L;

    /**
     * One key field: the path of field positions from the top-level value to it, the accesses for
     * each step, its comparator (which carries the direction), and whether it can be {@code null}.
     */
    public record KeyField(
            int[] path,
            List<CompositeAccess<?>> accesses,
            TypeComparator<Object> comparator,
            boolean nullable,
            boolean ascending)
            implements java.io.Serializable {

        public KeyField {
            if (path.length == 0 || path.length != accesses.size()) {
                throw new IllegalArgumentException("a key field needs one access per step of its path");
            }
            path = path.clone();
            accesses = List.copyOf(accesses);
        }

        @SuppressWarnings("unchecked")
        Object extract(Object value) {
            Object current = value;
            for (int i = 0; i < path.length && current != null; i++) {
                current = ((CompositeAccess<Object>) accesses.get(i)).get(current, path[i]);
            }
            return current;
        }

        KeyField withComparator(TypeComparator<Object> duplicate) {
            return new KeyField(path, accesses, duplicate, nullable, ascending);
        }
    }

    private final TypeSerializer<T> serializer;
    private final KeyField[] keys;
    private final int normalizedKeyLength;
    private final boolean normalizedKeyCoversAllKeys;
    /** The generated key functions, once asked for; {@code null} where there are none. */
    private transient FieldKeys generated;

    private transient boolean generatedResolved;

    public CompositeComparator(TypeSerializer<T> serializer, List<KeyField> keys) {
        this.serializer = Objects.requireNonNull(serializer, "serializer is null");
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a composite comparator needs at least one key field");
        }
        this.keys = keys.toArray(new KeyField[0]);
        long length = 0;
        boolean coversAll = true;
        for (KeyField key : this.keys) {
            TypeComparator<Object> comparator = key.comparator();
            if (!comparator.supportsNormalizedKey()) {
                coversAll = false;
                break;
            }
            int fieldLength = comparator.normalizedKeyLength();
            if (fieldLength == Integer.MAX_VALUE) {
                length = Integer.MAX_VALUE;
                coversAll = false;
                break;
            }
            length += (key.nullable() ? 1 : 0) + fieldLength;
        }
        this.normalizedKeyLength = (int) Math.min(Integer.MAX_VALUE, length);
        this.normalizedKeyCoversAllKeys = coversAll;
    }

    /** The key fields, in comparison order. */
    public List<KeyField> keyFields() {
        return List.of(keys);
    }

    /** The serializer of the compared values. */
    TypeSerializer<T> serializer() {
        return serializer;
    }

    /**
     * The generated key functions ({@link FieldCodecs#keys}) where every key field is a top-level
     * field, else {@code null}: the generic loops below run.
     */
    FieldKeys generated() {
        if (!generatedResolved) {
            generated = generateKeys();
            generatedResolved = true;
        }
        return generated;
    }

    @SuppressWarnings("unchecked")
    private FieldKeys generateKeys() {
        CompositeAccess<?> access = keys[0].accesses().get(0);
        int[] positions = new int[keys.length];
        TypeComparator<Object>[] comparators = new TypeComparator[keys.length];
        boolean[] nullable = new boolean[keys.length];
        boolean[] ascending = new boolean[keys.length];
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].path().length != 1 || !keys[i].accesses().get(0).equals(access)) {
                return null;
            }
            positions[i] = keys[i].path()[0];
            comparators[i] = keys[i].comparator();
            nullable[i] = keys[i].nullable();
            ascending[i] = keys[i].ascending();
        }
        return FieldCodecs.keys(access, positions, comparators, nullable, ascending);
    }

    @Override
    public int hash(T value) {
        FieldKeys functions = generated();
        return functions != null ? functions.hash(value) : hashFields(value);
    }

    /** The generic loop of {@link #hash}. */
    int hashFields(T value) {
        int hash = 0;
        for (KeyField key : keys) {
            Object field = key.extract(value);
            hash = 31 * hash + (field == null ? 0 : key.comparator().hash(field));
        }
        return hash;
    }

    @Override
    public Object[] extractKeys(T value) {
        FieldKeys functions = generated();
        return functions != null ? functions.extractKeys(value) : extractFields(value);
    }

    /** The generic loop of {@link #extractKeys}. */
    Object[] extractFields(T value) {
        Object[] fields = new Object[keys.length];
        for (int i = 0; i < keys.length; i++) {
            fields[i] = keys[i].extract(value);
        }
        return fields;
    }

    @Override
    public int compareKeys(Object[] first, Object[] second) {
        for (int i = 0; i < keys.length; i++) {
            int result = compareField(keys[i], first[i], second[i]);
            if (result != 0) {
                return result;
            }
        }
        return 0;
    }

    @Override
    public int compareKeyWith(T value, Object[] key) {
        FieldKeys functions = generated();
        return functions != null ? functions.compareKeyWith(value, key) : compareFieldsWith(value, key);
    }

    /** The generic loop of {@link #compareKeyWith}. */
    int compareFieldsWith(T value, Object[] key) {
        for (int i = 0; i < keys.length; i++) {
            int result = compareField(keys[i], keys[i].extract(value), key[i]);
            if (result != 0) {
                return result;
            }
        }
        return 0;
    }

    @Override
    public int hashKeys(Object[] key) {
        int hash = 0;
        for (int i = 0; i < keys.length; i++) {
            hash = 31 * hash + (key[i] == null ? 0 : keys[i].comparator().hash(key[i]));
        }
        return hash;
    }

    private static int compareField(KeyField key, Object a, Object b) {
        if (a == null || b == null) {
            if (a == b) {
                return 0;
            }
            return (a == null ? -1 : 1) * (key.ascending() ? 1 : -1);
        }
        return key.comparator().compare(a, b);
    }

    @Override
    public int compare(T first, T second) {
        FieldKeys functions = generated();
        return functions != null ? functions.compare(first, second) : compareFields(first, second);
    }

    /** The generic loop of {@link #compare}. */
    int compareFields(T first, T second) {
        for (KeyField key : keys) {
            Object a = key.extract(first);
            Object b = key.extract(second);
            int result;
            if (a == null || b == null) {
                if (a == b) {
                    continue;
                }
                result = (a == null ? -1 : 1) * (key.ascending() ? 1 : -1);
            } else {
                result = key.comparator().compare(a, b);
            }
            if (result != 0) {
                return result;
            }
        }
        return 0;
    }

    /**
     * Deserializes both values and compares them: key fields may sit anywhere in the serialized
     * record, behind fields of variable length. Sorters avoid this path with normalized keys.
     */
    @Override
    public int compareSerialized(DataInputView first, DataInputView second) throws IOException {
        T a = serializer.deserialize(first);
        T b = serializer.deserialize(second);
        return compare(a, b);
    }

    @Override
    public boolean supportsNormalizedKey() {
        return keys[0].comparator().supportsNormalizedKey();
    }

    @Override
    public int normalizedKeyLength() {
        return normalizedKeyLength;
    }

    @Override
    public boolean isNormalizedKeyPrefixOnly(int bytes) {
        return !normalizedKeyCoversAllKeys || bytes < normalizedKeyLength;
    }

    @Override
    public void putNormalizedKey(T value, MemorySegment target, int offset, int bytes) {
        int position = offset;
        int end = offset + bytes;
        for (KeyField key : keys) {
            TypeComparator<Object> comparator = key.comparator();
            if (position >= end || !comparator.supportsNormalizedKey()) {
                break;
            }
            Object field = key.extract(value);
            if (key.nullable()) {
                byte present = (byte) (field == null ? 0 : 1);
                target.put(position++, key.ascending() ? present : (byte) ~present);
                if (position >= end) {
                    break;
                }
            }
            int fieldLength = comparator.normalizedKeyLength();
            int available = end - position;
            int fieldBytes = Math.min(fieldLength, available);
            if (field == null) {
                // all null keys are equal; the bytes after the presence byte must be equal too
                target.clear(position, fieldBytes);
            } else {
                comparator.putNormalizedKey(field, target, position, fieldBytes);
            }
            position += fieldBytes;
            if (fieldBytes < fieldLength) {
                break; // this field's key is cut short: later fields cannot follow it
            }
        }
        if (position < end) {
            target.clear(position, end - position);
        }
    }

    @Override
    public TypeComparator<T> duplicate() {
        TypeSerializer<T> serializerCopy = serializer.duplicate();
        KeyField[] copies = new KeyField[keys.length];
        boolean changed = serializerCopy != serializer;
        for (int i = 0; i < keys.length; i++) {
            TypeComparator<Object> comparator = keys[i].comparator().duplicate();
            copies[i] = comparator == keys[i].comparator() ? keys[i] : keys[i].withComparator(comparator);
            changed |= copies[i] != keys[i];
        }
        return changed ? new CompositeComparator<>(serializerCopy, List.of(copies)) : this;
    }

    @Override
    public String toString() {
        return "CompositeComparator<" + serializer + ", " + keys.length + " keys>";
    }
}
