package io.weir.memory.view;

import io.weir.memory.MemorySegment;
import java.io.EOFException;

/**
 * Reads bytes {@code [offset, limit)} of one page and no further: a record inside a larger
 * structure (a sort-index entry, a network buffer). Repositioned with {@link #at} for every record,
 * so it allocates nothing per record.
 */
public final class SegmentInputView extends AbstractPagedInputView {

    public SegmentInputView() {
        super(null, 0, 0);
    }

    /** Reads from {@code offset} up to {@code limit} of {@code page}. */
    public void at(MemorySegment page, int offset, int limit) {
        seekInput(page, offset, limit);
    }

    /** The bytes between the read position and the limit. */
    public int remaining() {
        return currentSegmentLimit() - currentPositionInSegment();
    }

    @Override
    protected MemorySegment nextSegment(MemorySegment current) throws EOFException {
        throw new EOFException("read past the end of a record (at most " + currentSegmentLimit() + " bytes)");
    }

    @Override
    protected int getLimitForSegment(MemorySegment segment) {
        return 0;
    }
}
