package io.weir.runtime.exchange;

import io.weir.memory.MemorySegment;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A page of serialized records on its way from a producer to a consumer: bytes {@code [0, size)}
 * of {@code segment}. A record may continue in the next buffer of the same channel. Whoever takes
 * a buffer last {@link #recycle recycles} it, which returns the page to where it came from.
 */
public final class Buffer {

    private final MemorySegment segment;
    private final int size;
    private final Consumer<MemorySegment> recycler;

    /**
     * The event that ends a producer's records of one superstep in a channel inside an iteration:
     * no page, no bytes; recycling it does nothing.
     */
    public static final Buffer END_OF_SUPERSTEP = new Buffer();

    private Buffer() {
        this.segment = null;
        this.size = 0;
        this.recycler = segment -> {};
    }

    /** Whether this is {@link #END_OF_SUPERSTEP} rather than a page of records. */
    public boolean isEndOfSuperstep() {
        return this == END_OF_SUPERSTEP;
    }

    public Buffer(MemorySegment segment, int size, Consumer<MemorySegment> recycler) {
        this.segment = Objects.requireNonNull(segment, "segment is null");
        if (size <= 0 || size > segment.size()) {
            throw new IllegalArgumentException("a buffer holds 1 to " + segment.size() + " bytes, not " + size);
        }
        this.size = size;
        this.recycler = Objects.requireNonNull(recycler, "recycler is null");
    }

    public MemorySegment segment() {
        return segment;
    }

    public int size() {
        return size;
    }

    /** Returns the page to its owner; the buffer must not be used afterwards. */
    public void recycle() {
        recycler.accept(segment);
    }
}
