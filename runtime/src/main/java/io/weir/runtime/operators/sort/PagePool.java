package io.weir.runtime.operators.sort;

import io.weir.memory.MemorySegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The free pages of one sorter, shared by the thread that fills sort buffers and the thread that
 * spills them. Taking and giving back are per page (not per record), so one lock suffices.
 */
final class PagePool {

    private final ArrayDeque<MemorySegment> free;
    private final int total;

    PagePool(Collection<MemorySegment> pages) {
        this.free = new ArrayDeque<>(pages);
        this.total = pages.size();
    }

    /** A free page, or {@code null} if none is left. */
    synchronized MemorySegment take() {
        return free.poll();
    }

    /** {@code count} free pages; the caller has made sure they are there. */
    synchronized List<MemorySegment> take(int count) {
        if (free.size() < count) {
            throw new IllegalStateException("asked for " + count + " pages but only " + free.size() + " are free");
        }
        List<MemorySegment> pages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            pages.add(free.poll());
        }
        return pages;
    }

    synchronized void give(Collection<MemorySegment> pages) {
        free.addAll(pages);
    }

    synchronized int available() {
        return free.size();
    }

    /** The number of pages the pool was made with. */
    int total() {
        return total;
    }
}
