package io.weir.core.serialization;

import io.weir.memory.MemorySegment;

/**
 * A {@link KeyValueLayout}'s bytes read and written straight at an offset of a page, generated for a
 * type whose fields are all primitives that cannot be {@code null} ({@link SlotCodecs#create}): each
 * field then has a fixed offset, and no view stands between the record and the page. The bytes are
 * the layout's. Public only because the generated classes live in the package of the type they
 * serve; not for users.
 */
public interface SlotCodec {

    /** Whether the key fields of {@code probe} have the key bytes at {@code offset}. */
    boolean keyEquals(Object probe, MemorySegment page, int offset);

    /** Writes the key fields of {@code record} at {@code offset}. */
    void writeKey(Object record, MemorySegment page, int offset);

    /** Writes the other fields of {@code record} after the key bytes at {@code offset}. */
    void writeValue(Object record, MemorySegment page, int offset);

    /** A record with the key fields of {@code keySource} and the other fields of the entry at {@code offset}. */
    Object readWithKeyOf(Object keySource, MemorySegment page, int offset);

    /** The record of the entry at {@code offset}. */
    Object read(MemorySegment page, int offset);
}
