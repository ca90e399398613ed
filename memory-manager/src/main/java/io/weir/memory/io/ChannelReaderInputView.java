package io.weir.memory.io;

import io.weir.memory.MemorySegment;
import io.weir.memory.view.AbstractPagedInputView;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An input view that reads back what a {@link ChannelWriterOutputView} wrote, page by page, with
 * every page it was given queued as read-ahead: while the caller reads one block, the I/O thread
 * fills the others. Reading past the last record throws {@link EOFException}; a corrupted or
 * truncated file fails with the file, block and offset in the message.
 */
public final class ChannelReaderInputView extends AbstractPagedInputView {

    private final BlockChannelReader reader;
    private final List<MemorySegment> pages;
    private int currentLimit;
    private boolean endOfFile;
    private boolean closed;

    /**
     * @param reader the spill file to read; the view closes it
     * @param pages pages to read into, at least one; they come back from {@link #close()}
     */
    public ChannelReaderInputView(BlockChannelReader reader, List<MemorySegment> pages) throws IOException {
        super(null, 0, 0);
        if (pages.isEmpty()) {
            throw new IllegalArgumentException("a spill file reader needs at least one page");
        }
        this.reader = reader;
        this.pages = List.copyOf(pages);
        for (MemorySegment page : this.pages) {
            reader.readBlock(page);
        }
    }

    @Override
    protected MemorySegment nextSegment(MemorySegment current) throws IOException {
        if (endOfFile) {
            throw new EOFException("end of spill file " + reader.channelId());
        }
        if (current != null) {
            reader.readBlock(current);
        }
        BlockChannelReader.Block block = reader.nextBlock();
        if (block.isEndOfFile()) {
            endOfFile = true;
            throw new EOFException("end of spill file " + reader.channelId());
        }
        currentLimit = block.length();
        return block.segment();
    }

    @Override
    protected int getLimitForSegment(MemorySegment segment) {
        return currentLimit;
    }

    public FileChannelId channelId() {
        return reader.channelId();
    }

    /**
     * Closes the file (it stays on disk until deleted) and returns the pages.
     *
     * @return the pages the view was given, for the caller to reuse or release
     */
    public List<MemorySegment> close() throws IOException {
        if (!closed) {
            closed = true;
            clear();
            reader.close();
        }
        return new ArrayList<>(pages);
    }

    /**
     * Closes and deletes the file.
     *
     * @return the pages the view was given, for the caller to reuse or release
     */
    public List<MemorySegment> closeAndDelete() {
        closed = true;
        clear();
        reader.closeAndDelete();
        return new ArrayList<>(pages);
    }
}
