package io.weir.core.serialization;

import io.weir.memory.view.DataInputView;
import io.weir.memory.view.DataOutputView;
import java.io.IOException;
import java.io.Serializable;

/**
 * Turns values of one type into bytes and back. Serializers are the only code in Weir that touches
 * the bytes of user records: records cross task boundaries, sit in sort buffers and hash tables, and
 * go to disk in this form.
 *
 * <p>A serializer is {@link Serializable}, so that it travels with the task to whichever process
 * runs it. One that keeps state (a Kryo instance, a scratch buffer) is not thread-safe and must
 * return a new instance from {@link #duplicate()}; a stateless one returns itself.
 *
 * <p>Values handed to {@link #serialize} are never {@code null}; composite and collection
 * serializers record {@code null} fields and elements themselves.
 */
public interface TypeSerializer<T> extends Serializable {

    /** Writes {@code value} to {@code target}. */
    void serialize(T value, DataOutputView target) throws IOException;

    /** Reads one value that {@link #serialize} wrote. */
    T deserialize(DataInputView source) throws IOException;

    /**
     * Copies one serialized value from {@code source} to {@code target} without building the object:
     * how sorters and merges move records.
     */
    void copy(DataInputView source, DataOutputView target) throws IOException;

    /** A deep copy of {@code value}, or the value itself for immutable types. */
    T copy(T value);

    /** The serialized length of every value in bytes, or -1 if values differ in length. */
    default int length() {
        return -1;
    }

    /** Whether values are immutable, so that {@link #copy(Object)} may return its argument. */
    default boolean isImmutable() {
        return false;
    }

    /**
     * Whether two values have the same bytes exactly when they are equal ({@code equals}), so that a
     * hash table may compare such keys as bytes. False unless the serializer promises it.
     */
    default boolean hasCanonicalBytes() {
        return false;
    }

    /** A serializer for use by another thread: {@code this} when the serializer has no state. */
    default TypeSerializer<T> duplicate() {
        return this;
    }
}
