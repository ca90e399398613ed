package io.weir.core.serialization;

import io.weir.memory.MemorySegment;
import io.weir.memory.view.DataInputView;
import java.io.IOException;
import java.util.Comparator;
import java.util.Objects;

/**
 * Compares values of an atomic type (numbers, strings, dates, enums, any {@link Comparable}) in
 * their natural order, ascending or descending, with the hash and normalized key of an {@link
 * AtomicKey}. A descending comparator reverses {@code compare} and inverts every normalized-key
 * byte.
 */
public final class NaturalOrderComparator<T extends Comparable<? super T>> implements TypeComparator<T> {

    private static final long serialVersionUID = 1L;

    private final TypeSerializer<T> serializer;
    private final AtomicKey<T> key;
    private final boolean ascending;

    public NaturalOrderComparator(TypeSerializer<T> serializer, AtomicKey<T> key, boolean ascending) {
        this.serializer = Objects.requireNonNull(serializer, "serializer is null");
        this.key = Objects.requireNonNull(key, "key is null");
        this.ascending = ascending;
    }

    public boolean isAscending() {
        return ascending;
    }

    /**
     * Whether {@link #hash} is the value's own {@code hashCode}, the same as its primitive's
     * ({@code Long.hashCode(long)}, ...): true for the boxed primitives' keys.
     */
    boolean hashesAsPrimitive() {
        Object atomic = key;
        return atomic instanceof BasicKey basic && basic.isPrimitive();
    }

    @Override
    public int hash(T value) {
        return key.hash(value);
    }

    @Override
    public int compare(T first, T second) {
        return ascending ? first.compareTo(second) : second.compareTo(first);
    }

    @Override
    public int compareSerialized(DataInputView first, DataInputView second) throws IOException {
        int result = key.compareSerialized(serializer, first, second, Comparator.naturalOrder());
        return ascending ? result : -Integer.signum(result);
    }

    @Override
    public boolean supportsNormalizedKey() {
        return key.normalizedKeyLength() > 0;
    }

    @Override
    public int normalizedKeyLength() {
        return key.normalizedKeyLength();
    }

    @Override
    public void putNormalizedKey(T value, MemorySegment target, int offset, int bytes) {
        key.putNormalizedKey(value, target, offset, bytes);
        if (!ascending) {
            invert(target, offset, bytes);
        }
    }

    static void invert(MemorySegment target, int offset, int bytes) {
        int i = 0;
        for (; i + 8 <= bytes; i += 8) {
            target.putLong(offset + i, ~target.getLong(offset + i));
        }
        for (; i < bytes; i++) {
            target.put(offset + i, (byte) ~target.get(offset + i));
        }
    }

    @Override
    public TypeComparator<T> duplicate() {
        TypeSerializer<T> duplicate = serializer.duplicate();
        return duplicate == serializer ? this : new NaturalOrderComparator<>(duplicate, key, ascending);
    }

    @Override
    public String toString() {
        return "NaturalOrderComparator<" + serializer + ", " + (ascending ? "ascending" : "descending") + ">";
    }
}
