package io.weir.runtime.operators.sort;

import io.weir.memory.MemorySegment;
import io.weir.memory.view.AbstractPagedOutputView;
import java.io.EOFException;

/**
 * Views for writing a record inside a sort-index entry (the fixed-length layout of {@link
 * SortBuffer}): positioned at an entry's record bytes, unable to go past its page. Reused for every
 * record, so they allocate nothing per record. Reading goes through {@link
 * io.weir.memory.view.SegmentInputView}.
 */
final class EntryViews {

    private EntryViews() {}

    /** Writes a record into an entry. */
    static final class Out extends AbstractPagedOutputView {
        Out() {
            super(null, 0);
        }

        void at(MemorySegment page, int offset) {
            seekOutput(page, offset);
        }

        @Override
        protected MemorySegment nextSegment(MemorySegment current, int positionInCurrent) throws EOFException {
            throw new EOFException("a fixed-length record outgrew its sort-index entry");
        }
    }
}
