package io.weir.memory.io;

import io.weir.memory.MemorySegment;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * Reads a spill file's blocks, in order, into pages, asynchronously, and verifies each block's
 * checksum. The caller queues empty pages with {@link #readBlock} and takes them back, filled, from
 * {@link #nextBlock()}; queuing several pages reads ahead. A corrupted or truncated file fails with a
 * {@link SpillFileCorruptedException} naming the file, block and offset.
 */
public final class BlockChannelReader extends AsyncChannel {

    /** A page that came back from the reader with the length of the block read into it. */
    public record Block(MemorySegment segment, int length) {

        /** Whether the file had no more blocks; the page holds nothing. */
        public boolean isEndOfFile() {
            return length < 0;
        }
    }

    private final LinkedBlockingQueue<Block> returned = new LinkedBlockingQueue<>();

    // Used by the I/O thread only.
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer header = ByteBuffer.allocate(BlockFormat.HEADER_LENGTH);
    private long offset;
    private int sequence;
    private boolean endSeen;

    BlockChannelReader(IOManager ioManager, FileChannelId id, Object owner, IOThread ioThread) throws IOException {
        super(ioManager, id, owner, ioThread, false);
    }

    /** Queues {@code page} to receive the next block of the file. */
    public void readBlock(MemorySegment page) throws IOException {
        submit(() -> {
            int length = -1;
            try {
                if (!discarding) {
                    length = read(page);
                }
            } catch (IOException e) {
                fail(e);
            } catch (RuntimeException e) {
                fail(new IOException(e.toString(), e));
            } finally {
                returned.add(new Block(page, length));
                requestDone();
            }
        });
    }

    /**
     * Waits for the next page queued with {@link #readBlock}. At the end of the file the block's
     * length is -1.
     *
     * @throws SpillFileCorruptedException (wrapped in an IOException) if the block did not verify
     */
    public Block nextBlock() throws IOException {
        try {
            while (true) {
                checkFailure();
                Block block = returned.poll(50, TimeUnit.MILLISECONDS);
                if (block != null) {
                    checkFailure();
                    return block;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a read from spill file " + id);
        }
    }

    /** Takes a page that has come back, without waiting; {@code null} if none has. */
    public Block pollBlock() {
        return returned.poll();
    }

    private int read(MemorySegment page) throws IOException {
        if (endSeen) {
            return -1;
        }
        long blockOffset = offset;
        header.clear();
        int headerBytes = readFully(header, blockOffset);
        if (headerBytes == 0) {
            throw new SpillFileCorruptedException(
                    id.path(),
                    "the file ends after block " + (sequence - 1) + " at byte " + blockOffset
                            + " without its end marker");
        }
        if (headerBytes < BlockFormat.HEADER_LENGTH) {
            throw new SpillFileCorruptedException(
                    id.path(), "the file ends inside the header of block " + sequence + " at byte " + blockOffset);
        }
        header.flip();
        int magic = header.getInt();
        int length = header.getInt();
        int checksum = header.getInt();
        int blockSequence = header.getInt();
        if (magic != BlockFormat.MAGIC) {
            throw new SpillFileCorruptedException(
                    id.path(), "no block header where block " + sequence + " should start, at byte " + blockOffset);
        }
        if (length == BlockFormat.END_MARKER_LENGTH) {
            if (blockSequence != sequence || checksum != BlockFormat.endMarkerChecksum(crc, blockSequence)) {
                throw new SpillFileCorruptedException(
                        id.path(),
                        "the end marker at byte " + blockOffset + " does not match the " + sequence + " blocks read");
            }
            endSeen = true;
            offset += BlockFormat.HEADER_LENGTH;
            return -1;
        }
        if (length < 0 || length > page.size()) {
            throw new SpillFileCorruptedException(
                    id.path(),
                    "block " + sequence + " at byte " + blockOffset + " claims " + length
                            + " bytes, which does not fit a page of " + page.size() + " bytes");
        }
        if (blockSequence != sequence) {
            throw new SpillFileCorruptedException(
                    id.path(),
                    "block " + blockSequence + " found at byte " + blockOffset + " where block " + sequence
                            + " was expected");
        }
        int payloadBytes = readFully(page.wrap(0, length), blockOffset + BlockFormat.HEADER_LENGTH);
        if (payloadBytes < length) {
            throw new SpillFileCorruptedException(
                    id.path(),
                    "the file ends inside block " + sequence + " (" + payloadBytes + " of " + length
                            + " bytes, block at byte " + blockOffset + ")");
        }
        if (checksum != BlockFormat.checksum(crc, page, length, blockSequence)) {
            throw new SpillFileCorruptedException(
                    id.path(), "checksum mismatch in block " + sequence + " at byte " + blockOffset);
        }
        sequence++;
        offset += BlockFormat.HEADER_LENGTH + length;
        return length;
    }

    /** Reads until the buffer is full or the file ends; returns the bytes read. */
    private int readFully(ByteBuffer target, long position) throws IOException {
        int total = 0;
        while (target.hasRemaining()) {
            int read = channel.read(target, position + total);
            if (read < 0) {
                break;
            }
            total += read;
        }
        return total;
    }

    @Override
    void finish() {
        // nothing to finish for a reader
    }
}
