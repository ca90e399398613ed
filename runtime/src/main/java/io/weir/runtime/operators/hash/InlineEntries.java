package io.weir.runtime.operators.hash;

import io.weir.core.serialization.KeyValueLayout;
import io.weir.memory.MemorySegment;
import io.weir.memory.view.ByteArrayOutputView;
import io.weir.memory.view.SegmentInputView;
import io.weir.memory.view.SegmentOutputView;
import java.io.IOException;

/**
 * How {@link HashAggregation} keeps records whose serialized form has a bounded length (every field
 * of fixed length: numbers, dates, booleans — a sum per {@code long} id) in its slots themselves:
 * an entry is the record's key bytes, then its other fields ({@link KeyValueLayout}), inside the slot
 * that finds it. A lookup then makes one memory access where a pointer would make two, compares the
 * key's bytes in place, and an update writes the other fields over the old ones, which never grow.
 *
 * <p>A key's bytes of a nullable field are shorter when it is null; since every key's bytes can be
 * read back, no key's bytes are a prefix of another's, so comparing the probed key's bytes with the
 * stored bytes from the entry's start decides equality.
 */
final class InlineEntries<T> {

    /** The largest slot an entry is kept in; records that need more are kept in record pages. */
    static final int MAX_SLOT = 128;

    private final KeyValueLayout<T> layout;
    /** Whether every field has a fixed offset: then the layout reads and writes the page itself. */
    private final boolean fixed;

    private final int entryBytes;
    private final ByteArrayOutputView key = new ByteArrayOutputView(64);
    private final SegmentInputView in = new SegmentInputView();
    private final SegmentOutputView out = new SegmentOutputView();

    private InlineEntries(KeyValueLayout<T> layout, int entryBytes) {
        this.layout = layout;
        this.fixed = layout.hasFixedOffsets();
        this.entryBytes = entryBytes;
    }

    /**
     * Inline entries for records of {@code layout} (which may be {@code null}), or {@code null} when
     * their length is unbounded or their slot would exceed {@link #MAX_SLOT} or a quarter page.
     */
    static <T> InlineEntries<T> of(KeyValueLayout<T> layout, int pageSize) {
        if (layout == null || layout.maxKeyLength() < 0 || layout.maxValueLength() < 0) {
            return null;
        }
        int entryBytes = layout.maxKeyLength() + layout.maxValueLength();
        int slot = Slots.inlineSlotSize(entryBytes);
        return slot > MAX_SLOT || slot > pageSize / 4 ? null : new InlineEntries<>(layout, entryBytes);
    }

    /** The most bytes an entry takes. */
    int entryBytes() {
        return entryBytes;
    }

    /** Prepares to look up or insert {@code probe}; called before the methods below that take it. */
    void probe(T probe) throws IOException {
        if (!fixed) {
            key.reset();
            layout.writeKey(probe, key);
        }
    }

    /** Whether the entry at {@code offset} has the probed key. */
    boolean matches(T probe, MemorySegment page, int offset) {
        return fixed ? layout.keyEquals(probe, page, offset) : page.equalTo(offset, key.buffer(), 0, key.length());
    }

    /** The stored record of a matching entry, its key taken from the probe. */
    T readWithKeyOf(T probe, MemorySegment page, int offset, int end) throws IOException {
        if (fixed) {
            return layout.readWithKeyOf(probe, page, offset);
        }
        in.at(page, offset + key.length(), end);
        return layout.readWithKeyOf(probe, in);
    }

    /** Writes the other fields of {@code reduced} over those of a matching entry. */
    void update(T reduced, MemorySegment page, int offset) throws IOException {
        if (fixed) {
            layout.writeValue(reduced, page, offset);
            return;
        }
        out.at(page, offset + key.length());
        layout.writeValue(reduced, out);
    }

    /** Writes the probed record as a new entry at {@code offset}. */
    void insert(T probe, MemorySegment page, int offset) throws IOException {
        if (fixed) {
            layout.writeKey(probe, page, offset);
        } else {
            page.put(offset, key.buffer(), 0, key.length());
        }
        update(probe, page, offset);
    }

    /** Reads the whole record of the entry at {@code offset}. */
    T read(MemorySegment page, int offset, int end) throws IOException {
        if (fixed) {
            return layout.read(page, offset);
        }
        in.at(page, offset, end);
        return layout.read(in);
    }
}
