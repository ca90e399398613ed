package io.weir.memory.view;

import io.weir.memory.MemorySegment;
import java.io.EOFException;
import java.io.IOException;
import java.util.List;

/**
 * Reads the address space written by a {@link RandomAccessOutputView}: equally sized pages, byte
 * {@code p} in page {@code p / pageSize}, valid up to an end address. {@link #seek} jumps to a
 * record pointer.
 */
public final class RandomAccessInputView extends AbstractPagedInputView {

    private final List<MemorySegment> pages;
    private final int pageSizeBits;
    private final int pageSize;
    private long end;
    private int pageIndex;

    /**
     * @param pages equally sized pages of power-of-two size
     * @param end the address after the last valid byte
     */
    public RandomAccessInputView(List<MemorySegment> pages, long end) {
        super(null, 0, 0);
        if (pages.isEmpty()) {
            throw new IllegalArgumentException("a random access view needs at least one page");
        }
        this.pages = pages;
        this.pageSize = pages.get(0).size();
        if (Integer.bitCount(pageSize) != 1) {
            throw new IllegalArgumentException("page size must be a power of two, not " + pageSize);
        }
        this.pageSizeBits = Integer.numberOfTrailingZeros(pageSize);
        setEnd(end);
        seek(0);
    }

    /** Moves the end of the valid data, for a buffer that keeps growing while it is read. */
    public void setEnd(long end) {
        if (end < 0 || end > (long) pages.size() << pageSizeBits) {
            throw new IllegalArgumentException(
                    "end " + end + " is outside the " + pages.size() + " pages of this view");
        }
        this.end = end;
    }

    public long end() {
        return end;
    }

    @Override
    protected MemorySegment nextSegment(MemorySegment current) throws IOException {
        int next = pageIndex + 1;
        if (((long) next << pageSizeBits) >= end) {
            throw new EOFException("read past the end of the data at " + end);
        }
        pageIndex = next;
        return pages.get(next);
    }

    @Override
    protected int getLimitForSegment(MemorySegment segment) {
        return limitOf(pageIndex);
    }

    private int limitOf(int index) {
        long pageStart = (long) index << pageSizeBits;
        return (int) Math.min(pageSize, end - pageStart);
    }

    /** The address of the next byte to be read. */
    public long position() {
        return ((long) pageIndex << pageSizeBits) + currentPositionInSegment();
    }

    /** Continues reading at {@code position}. */
    public void seek(long position) {
        if (position < 0 || position > end) {
            throw new IllegalArgumentException("position " + position + " is outside the data, which ends at " + end);
        }
        int index = (int) (position >>> pageSizeBits);
        if (index == pages.size()) {
            // exactly at the end of the last page: stay at its end, so the next read fails cleanly
            index--;
        }
        pageIndex = index;
        seekInput(pages.get(index), (int) (position - ((long) index << pageSizeBits)), limitOf(index));
    }
}
