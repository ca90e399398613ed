package io.weir.runtime.exchange;

import io.weir.memory.MemoryManager;
import io.weir.memory.MemorySegment;
import io.weir.memory.io.BlockChannelReader;
import io.weir.memory.io.BlockChannelWriter;
import io.weir.memory.io.FileChannelId;
import io.weir.memory.io.IOManager;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * A local channel whose consumer reads only after the producer has finished. Buffers stay in
 * memory while the producer's pool has pages to spare; once it runs short, this and every later
 * buffer of the channel are written to a spill file (so the order is kept: memory first, then the
 * file) and their pages go back to the pool. The consumer reads the file back through one page of
 * its own.
 *
 * <pre>
 *   producer ──add──► [ in memory: b0 b1 b2 ] [ spill file: b3 b4 ... ] ──finish──► consumer reads
 *                       (pool pages)            (block per buffer, checksummed)    b0 .. bn in order
 * </pre>
 */
public final class BlockingChannel implements Channel, SubpartitionWriter {

    private final BufferPool pool;
    private final int reserve;
    private final MemoryManager memoryManager;
    private final IOManager ioManager;

    private final ArrayDeque<Buffer> inMemory = new ArrayDeque<>();
    private FileChannelId file;
    private BlockChannelWriter writer;
    private int pendingWrites;
    private long spilledBytes;

    private BlockChannelReader reader;
    private MemorySegment readPage;
    private boolean readPageOut;
    private boolean fileDone;

    private volatile boolean finished;
    private boolean released;
    private volatile Runnable listener = () -> {};

    /**
     * @param pool the producer's pool, whose pages the in-memory buffers hold
     * @param reserve spill once the pool has no more than this many free pages: what the producer
     *     needs to keep writing (a page per channel being filled)
     */
    public BlockingChannel(BufferPool pool, int reserve, MemoryManager memoryManager, IOManager ioManager) {
        this.pool = Objects.requireNonNull(pool, "pool is null");
        this.reserve = reserve;
        this.memoryManager = Objects.requireNonNull(memoryManager, "memoryManager is null");
        this.ioManager = Objects.requireNonNull(ioManager, "ioManager is null");
    }

    @Override
    public synchronized void add(Buffer buffer) throws IOException {
        if (released) {
            buffer.recycle();
            return;
        }
        if (writer == null && pool.available() > reserve) {
            inMemory.add(buffer);
            return;
        }
        if (writer == null) {
            file = ioManager.createChannel(this);
            writer = ioManager.createBlockWriter(file);
        }
        writer.writeBlock(buffer.segment(), buffer.size());
        spilledBytes += buffer.size();
        pendingWrites++;
        // one write in flight: the page of the one before is back and goes to the pool
        while (pendingWrites > 1) {
            pool.recycle(writer.nextReturnedSegment());
            pendingWrites--;
        }
    }

    @Override
    public void finish() throws IOException {
        synchronized (this) {
            if (writer != null) {
                while (pendingWrites > 0) {
                    pool.recycle(writer.nextReturnedSegment());
                    pendingWrites--;
                }
                writer.close();
            }
            finished = true;
        }
        listener.run();
    }

    /** The bytes this channel wrote to disk. */
    public synchronized long spilledBytes() {
        return spilledBytes;
    }

    @Override
    public synchronized Buffer poll() throws IOException {
        if (!finished || released) {
            return null;
        }
        Buffer buffer = inMemory.poll();
        if (buffer != null || file == null || fileDone) {
            return buffer;
        }
        if (readPageOut) {
            throw new IllegalStateException("the previous buffer of a blocking channel was not recycled");
        }
        if (reader == null) {
            readPage = memoryManager.allocatePage(this);
            reader = ioManager.createBlockReader(file);
        }
        reader.readBlock(readPage);
        BlockChannelReader.Block block = reader.nextBlock();
        if (block.isEndOfFile()) {
            fileDone = true;
            closeFile();
            return null;
        }
        readPageOut = true;
        return new Buffer(block.segment(), block.length(), this::recycleReadPage);
    }

    private synchronized void recycleReadPage(MemorySegment segment) {
        readPageOut = false;
        if (released) {
            memoryManager.release(segment);
            readPage = null;
        }
    }

    @Override
    public synchronized boolean isFinished() {
        return finished && inMemory.isEmpty() && (file == null || fileDone);
    }

    @Override
    public void setListener(Runnable newListener) {
        this.listener = newListener;
    }

    private void closeFile() {
        if (reader != null) {
            reader.closeAndDelete();
            reader = null;
        }
        if (writer != null) {
            writer.closeAndDelete();
            writer = null;
        }
        if (file != null) {
            ioManager.deleteChannel(file);
        }
        if (readPage != null && !readPageOut) {
            memoryManager.release(readPage);
            readPage = null;
        }
    }

    @Override
    public synchronized void release() {
        released = true;
        Buffer buffer;
        while ((buffer = inMemory.poll()) != null) {
            buffer.recycle();
        }
        closeFile();
        memoryManager.releaseAll(this);
        ioManager.releaseAll(this);
    }
}
