package io.weir.memory.io;

import io.weir.memory.MemorySegment;
import io.weir.memory.view.AbstractPagedOutputView;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * An output view that writes records to a spill file, page by page: each full page goes to the
 * {@link BlockChannelWriter} as one block while writing continues in another page. With {@code n}
 * pages, up to {@code n - 1} blocks are being written while the caller fills the last one.
 */
public final class ChannelWriterOutputView extends AbstractPagedOutputView {

    private final BlockChannelWriter writer;
    private final ArrayDeque<MemorySegment> freePages;
    private final int pageCount;
    private long bytesBeforeCurrentPage;
    private boolean closed;

    /**
     * @param writer the spill file to write; the view closes it
     * @param pages the pages to write through, at least one; they come back from {@link #close()}
     */
    public ChannelWriterOutputView(BlockChannelWriter writer, List<MemorySegment> pages) {
        super(pages.get(0), 0);
        this.writer = writer;
        this.pageCount = pages.size();
        this.freePages = new ArrayDeque<>(pages.subList(1, pages.size()));
    }

    @Override
    protected MemorySegment nextSegment(MemorySegment current, int positionInCurrent) throws IOException {
        writer.writeBlock(current, positionInCurrent);
        bytesBeforeCurrentPage += positionInCurrent;
        MemorySegment next = freePages.pollFirst();
        return next != null ? next : writer.nextReturnedSegment();
    }

    /** The number of record bytes written so far. */
    public long bytesWritten() {
        return bytesBeforeCurrentPage + currentPositionInSegment();
    }

    /** The number of blocks written so far, counting the current page only once it is handed over. */
    public int blockCount() {
        return writer.blockCount();
    }

    public FileChannelId channelId() {
        return writer.channelId();
    }

    /**
     * Writes what is in the current page, finishes and closes the file, and returns all pages.
     *
     * @return the pages the view was given, for the caller to reuse or release
     */
    public List<MemorySegment> close() throws IOException {
        if (closed) {
            throw new IllegalStateException("spill file " + writer.channelId() + " is already closed");
        }
        closed = true;
        int used = currentPositionInSegment();
        if (used > 0) {
            writer.writeBlock(currentSegment(), used);
            bytesBeforeCurrentPage += used;
        } else {
            freePages.add(currentSegment());
        }
        clear();
        try {
            writer.close();
        } finally {
            writer.drainReturnedSegments(freePages);
        }
        if (freePages.size() != pageCount) {
            throw new IllegalStateException(
                    "spill writer returned " + freePages.size() + " of its " + pageCount + " pages");
        }
        return new ArrayList<>(freePages);
    }

    /**
     * Stops writing and deletes the file, after a failure or cancellation.
     *
     * @return the pages the view was given, for the caller to release
     */
    public List<MemorySegment> closeAndDelete() {
        if (!closed) {
            closed = true;
            if (currentSegment() != null) {
                freePages.add(currentSegment());
                clear();
            }
        }
        writer.closeAndDelete();
        writer.drainReturnedSegments(freePages);
        List<MemorySegment> pages = new ArrayList<>(freePages);
        freePages.clear();
        return pages;
    }
}
