package io.weir.memory.view;

import io.weir.memory.MemorySegment;
import java.io.EOFException;

/**
 * Writes a record into one page from a given offset and no further: a record inside a larger
 * fixed-length structure (a sort-index entry, a hash-table slot). Repositioned with {@link #at} for
 * every record, so it allocates nothing per record; {@link SegmentInputView} reads such records.
 */
public final class SegmentOutputView extends AbstractPagedOutputView {

    public SegmentOutputView() {
        super(null, 0);
    }

    /** Writes from {@code offset} of {@code page} on. */
    public void at(MemorySegment page, int offset) {
        seekOutput(page, offset);
    }

    @Override
    protected MemorySegment nextSegment(MemorySegment current, int positionInCurrent) throws EOFException {
        throw new EOFException("a fixed-length record outgrew its place in the page");
    }
}
