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
 * A local channel whose consumer reads only after the producer has finished — or, inside an
 * iteration, after the producer has ended the superstep ({@link Buffer#END_OF_SUPERSTEP}): each
 * superstep's buffers form a <em>part</em> that the consumer reads once it is complete. Buffers stay
 * in memory while the producer's pool has pages to spare; once it runs short, this and every later
 * buffer of the part are written to the part's spill file (so the order is kept: memory first, then
 * the file) and their pages go back to the pool. The consumer reads a file back through one page of
 * its own.
 *
 * <pre>
 *   producer ──add──► part: [ in memory: b0 b1 b2 ] [ spill file: b3 b4 ... ] ──end of superstep / finish──►
 *                     part: ...                                                  consumer reads b0 .. bn, then the event
 * </pre>
 */
public final class BlockingChannel implements Channel, SubpartitionWriter {

    private final BufferPool pool;
    private final int reserve;
    private final MemoryManager memoryManager;
    private final IOManager ioManager;

    /** One superstep's buffers (the whole output outside iterations). */
    private final class Part {
        final ArrayDeque<Buffer> inMemory = new ArrayDeque<>();
        FileChannelId file;
        BlockChannelWriter writer;
        int pendingWrites;
        BlockChannelReader reader;
        boolean fileDone;
        /** The producer is done with it: by the end of a superstep, or by finishing. */
        boolean complete;

        boolean endsSuperstep;

        void add(Buffer buffer) throws IOException {
            if (writer == null && file == null && pool.available() > reserve) {
                inMemory.add(buffer);
                return;
            }
            if (writer == null) {
                file = ioManager.createChannel(BlockingChannel.this);
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

        void complete(boolean bySuperstep) throws IOException {
            if (writer != null) {
                while (pendingWrites > 0) {
                    pool.recycle(writer.nextReturnedSegment());
                    pendingWrites--;
                }
                writer.close();
                writer = null;
            }
            complete = true;
            endsSuperstep = bySuperstep;
        }

        boolean drained() {
            return inMemory.isEmpty() && (file == null || fileDone);
        }

        void release() {
            Buffer buffer;
            while ((buffer = inMemory.poll()) != null) {
                buffer.recycle();
            }
            try {
                // the pages of writes in flight go back to the pool
                while (writer != null && pendingWrites > 0) {
                    pool.recycle(writer.nextReturnedSegment());
                    pendingWrites--;
                }
            } catch (IOException e) {
                // the pool's pages are released with the pool in any case
            }
            closeFile();
        }

        void closeFile() {
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
        }
    }

    /** The producer fills the last part; the consumer reads the first. */
    private final ArrayDeque<Part> parts = new ArrayDeque<>();

    private long spilledBytes;
    private MemorySegment readPage;
    private boolean readPageOut;

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
        parts.add(new Part());
    }

    @Override
    public void add(Buffer buffer) throws IOException {
        synchronized (this) {
            if (released) {
                buffer.recycle();
                return;
            }
            if (!buffer.isEndOfSuperstep()) {
                parts.getLast().add(buffer);
                return;
            }
            parts.getLast().complete(true);
            parts.add(new Part());
        }
        listener.run();
    }

    @Override
    public void finish() throws IOException {
        synchronized (this) {
            if (!released) {
                parts.getLast().complete(false);
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
        if (released) {
            return null;
        }
        Part part = parts.peekFirst();
        while (part != null && part.complete) {
            Buffer buffer = part.inMemory.poll();
            if (buffer != null) {
                return buffer;
            }
            if (part.file != null && !part.fileDone) {
                if (readPageOut) {
                    throw new IllegalStateException("the previous buffer of a blocking channel was not recycled");
                }
                if (readPage == null) {
                    readPage = memoryManager.allocatePage(this);
                }
                if (part.reader == null) {
                    part.reader = ioManager.createBlockReader(part.file);
                }
                part.reader.readBlock(readPage);
                BlockChannelReader.Block block = part.reader.nextBlock();
                if (!block.isEndOfFile()) {
                    readPageOut = true;
                    return new Buffer(block.segment(), block.length(), this::recycleReadPage);
                }
                part.fileDone = true;
                part.closeFile();
            }
            parts.pollFirst();
            if (part.endsSuperstep) {
                return Buffer.END_OF_SUPERSTEP;
            }
            part = parts.peekFirst();
        }
        return null;
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
        return finished && parts.stream().allMatch(part -> part.complete && !part.endsSuperstep && part.drained());
    }

    @Override
    public void setListener(Runnable newListener) {
        this.listener = newListener;
    }

    @Override
    public synchronized void release() {
        released = true;
        for (Part part : parts) {
            part.release();
        }
        parts.clear();
        if (readPage != null && !readPageOut) {
            memoryManager.release(readPage);
            readPage = null;
        }
        memoryManager.releaseAll(this);
        ioManager.releaseAll(this);
    }
}
