package io.weir.memory.io;

import io.weir.memory.MemorySegment;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * Writes pages to a spill file asynchronously, as checksummed blocks ({@link BlockFormat}). The
 * caller hands a page over with {@link #writeBlock} and gets it back, written, from {@link
 * #nextReturnedSegment()}; with two or more pages the caller fills one while the I/O thread writes
 * another.
 */
public final class BlockChannelWriter extends AsyncChannel {

    private final LinkedBlockingQueue<MemorySegment> returned = new LinkedBlockingQueue<>();

    // Used by the I/O thread only (and by close(), after all requests are done).
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer header = ByteBuffer.allocate(BlockFormat.HEADER_LENGTH);
    private final ByteBuffer[] gather = new ByteBuffer[2];
    private int sequence;

    // Used by the caller only.
    private int blocksSubmitted;
    private long bytesSubmitted;

    BlockChannelWriter(IOManager ioManager, FileChannelId id, Object owner, IOThread ioThread) throws IOException {
        super(ioManager, id, owner, ioThread, true);
    }

    /**
     * Queues the first {@code length} bytes of {@code page} to be written as the next block. The
     * page belongs to the writer until it comes back from {@link #nextReturnedSegment()}.
     */
    public void writeBlock(MemorySegment page, int length) throws IOException {
        Objects.checkFromIndexSize(0, length, page.size());
        submit(() -> {
            try {
                if (!discarding) {
                    write(page, length);
                }
            } catch (IOException e) {
                fail(e);
            } catch (RuntimeException e) {
                fail(new IOException(e.toString(), e));
            } finally {
                returned.add(page);
                requestDone();
            }
        });
        blocksSubmitted++;
        bytesSubmitted += length;
    }

    private void write(MemorySegment page, int length) throws IOException {
        int checksum = BlockFormat.checksum(crc, page, length, sequence);
        BlockFormat.writeHeader(header, length, checksum, sequence);
        gather[0] = header;
        gather[1] = page.wrap(0, length);
        while (gather[1].hasRemaining() || header.hasRemaining()) {
            channel.write(gather);
        }
        gather[1] = null;
        sequence++;
    }

    /** Waits for the next page whose block has been written, and returns it to the caller. */
    public MemorySegment nextReturnedSegment() throws IOException {
        try {
            while (true) {
                checkFailure();
                MemorySegment page = returned.poll(50, TimeUnit.MILLISECONDS);
                if (page != null) {
                    return page;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a write to spill file " + id);
        }
    }

    /** Moves every page that has come back into {@code target}; for collecting pages after close. */
    public void drainReturnedSegments(Collection<MemorySegment> target) {
        returned.drainTo(target);
    }

    /** The number of blocks handed to the writer. */
    public int blockCount() {
        return blocksSubmitted;
    }

    /** The number of payload bytes handed to the writer. */
    public long bytesWritten() {
        return bytesSubmitted;
    }

    @Override
    void finish() throws IOException {
        header.clear();
        header.putInt(BlockFormat.MAGIC)
                .putInt(BlockFormat.END_MARKER_LENGTH)
                .putInt(BlockFormat.endMarkerChecksum(crc, sequence))
                .putInt(sequence);
        header.flip();
        while (header.hasRemaining()) {
            channel.write(header);
        }
    }
}
