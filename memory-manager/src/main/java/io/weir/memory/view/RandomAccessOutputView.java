package io.weir.memory.view;

import io.weir.memory.MemorySegment;
import java.io.EOFException;
import java.io.IOException;
import java.util.List;

/**
 * Writes over a list of equally sized pages that together form one address space: byte {@code p}
 * lives in page {@code p / pageSize} at offset {@code p % pageSize}. {@link #position()} is such an
 * address (a record pointer for a sort buffer), {@link #seek} jumps to one. When the pages run out,
 * more are asked of a {@link PageSource}; when it has none, writing throws {@link EOFException}, the
 * signal for a buffer to stop taking records and spill.
 */
public final class RandomAccessOutputView extends AbstractPagedOutputView {

    private final List<MemorySegment> pages;
    private final PageSource morePages;
    private final int pageSizeBits;
    private final int pageSize;
    private int pageIndex;

    /**
     * @param pages the pages, at least one, all of the same power-of-two size; pages taken from
     *     {@code morePages} are appended to this list
     */
    public RandomAccessOutputView(List<MemorySegment> pages, PageSource morePages) {
        super(pages.get(0), 0);
        this.pages = pages;
        this.morePages = morePages;
        this.pageSize = pages.get(0).size();
        if (Integer.bitCount(pageSize) != 1) {
            throw new IllegalArgumentException("page size must be a power of two, not " + pageSize);
        }
        for (MemorySegment page : pages) {
            if (page.size() != pageSize) {
                throw new IllegalArgumentException("all pages must have " + pageSize + " bytes, not " + page.size());
            }
        }
        this.pageSizeBits = Integer.numberOfTrailingZeros(pageSize);
    }

    @Override
    protected MemorySegment nextSegment(MemorySegment current, int positionInCurrent) throws IOException {
        int next = pageIndex + 1;
        if (next == pages.size()) {
            MemorySegment page = morePages.nextPage();
            if (page == null) {
                throw new EOFException("no page left to write to after " + pages.size() + " pages");
            }
            if (page.size() != pageSize) {
                throw new IllegalArgumentException("all pages must have " + pageSize + " bytes, not " + page.size());
            }
            pages.add(page);
        }
        pageIndex = next;
        return pages.get(next);
    }

    /** The address of the next byte to be written. */
    public long position() {
        return ((long) pageIndex << pageSizeBits) + currentPositionInSegment();
    }

    /**
     * Continues writing at {@code position}, which must lie in a page the view already has or be
     * exactly the end of the last one (the next write then asks for a new page).
     */
    public void seek(long position) {
        int index = (int) (position >>> pageSizeBits);
        int offset = (int) (position & (pageSize - 1));
        if (index == pages.size() && offset == 0 && index > 0) {
            index--;
            offset = pageSize;
        }
        if (position < 0 || index >= pages.size()) {
            throw new IllegalArgumentException(
                    "position " + position + " is outside the " + pages.size() + " pages of this view");
        }
        pageIndex = index;
        seekOutput(pages.get(index), offset);
    }

    /** The pages written to so far, including the current one. */
    public List<MemorySegment> pages() {
        return pages;
    }
}
