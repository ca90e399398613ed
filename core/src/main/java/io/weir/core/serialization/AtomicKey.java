package io.weir.core.serialization;

import io.weir.memory.MemorySegment;
import io.weir.memory.view.DataInputView;
import java.io.IOException;
import java.io.Serializable;

/**
 * What a key type adds to its natural order ({@link Comparable#compareTo}): a hash consistent with
 * that order and the same in every JVM, and a normalized key. {@link NaturalOrderComparator} is the
 * one comparator for all atomic types; the per-type knowledge lives in implementations of this
 * interface ({@link BasicKey} for Weir's built-in types).
 */
public interface AtomicKey<T> extends Serializable {

    /** A hash equal for values that compare equal, and the same in every JVM. */
    int hash(T value);

    /**
     * The number of normalized key bytes that decide the order completely; {@link Integer#MAX_VALUE}
     * if no number does; 0 if the type has no normalized key.
     */
    int normalizedKeyLength();

    /**
     * Writes exactly {@code bytes} bytes of the ascending normalized key of {@code value}: its first
     * bytes, padded with zeros.
     */
    void putNormalizedKey(T value, MemorySegment target, int offset, int bytes);

    /**
     * Compares two serialized values, reading one from each view. The default deserializes both; a
     * type that can compare its bytes directly overrides it.
     */
    default int compareSerialized(
            TypeSerializer<T> serializer, DataInputView first, DataInputView second, java.util.Comparator<T> order)
            throws IOException {
        T a = serializer.deserialize(first);
        T b = serializer.deserialize(second);
        return order.compare(a, b);
    }
}
