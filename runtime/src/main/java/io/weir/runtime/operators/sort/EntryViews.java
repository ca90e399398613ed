package io.weir.runtime.operators.sort;

import io.weir.memory.MemorySegment;
import io.weir.memory.view.AbstractPagedInputView;
import io.weir.memory.view.AbstractPagedOutputView;
import java.io.EOFException;

/**
 * Views over a record stored inside a sort-index entry (the fixed-length layout of {@link
 * SortBuffer}): positioned at an entry's record bytes, unable to go past its page. Reused for every
 * record, so they allocate nothing per record.
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

    /** Reads the record of an entry. */
    static final class In extends AbstractPagedInputView {
        In() {
            super(null, 0, 0);
        }

        void at(MemorySegment page, int offset, int limit) {
            seekInput(page, offset, limit);
        }

        @Override
        protected MemorySegment nextSegment(MemorySegment current) throws EOFException {
            throw new EOFException("read past a fixed-length record in its sort-index entry");
        }

        @Override
        protected int getLimitForSegment(MemorySegment segment) {
            return 0;
        }
    }
}
