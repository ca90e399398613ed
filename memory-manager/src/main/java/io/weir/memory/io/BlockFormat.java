package io.weir.memory.io;

import io.weir.memory.MemorySegment;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The layout of a spill file: a sequence of blocks, each a header and a payload, and an end marker.
 *
 * <pre>
 *   block:       ┌───────┬────────┬──────────┬──────────┬───────────────────────┐
 *                │ magic │ length │ checksum │ sequence │ payload: length bytes │
 *                │ int   │ int    │ int      │ int      │                       │
 *                └───────┴────────┴──────────┴──────────┴───────────────────────┘
 *   end marker:  │ magic │   -1   │ checksum │ number of blocks │  (no payload)
 * </pre>
 *
 * All header ints are big-endian. {@code checksum} is the CRC32C of the payload followed by the
 * {@code length} and {@code sequence} ints, so a flipped bit anywhere in a block, a block read out
 * of order, or a block from another file all fail the check. A file that ends without its end
 * marker was truncated. Blocks have variable length: the last block of a run is usually short, and
 * readers read sequentially, never by block number.
 */
final class BlockFormat {

    static final int MAGIC = 0x57424C4B; // "WBLK"
    static final int HEADER_LENGTH = 16;
    static final int END_MARKER_LENGTH = -1;

    private BlockFormat() {}

    static int checksum(CRC32C crc, MemorySegment payload, int length, int sequence) {
        crc.reset();
        if (length > 0) {
            crc.update(payload.wrap(0, length));
        }
        updateInt(crc, length);
        updateInt(crc, sequence);
        return (int) crc.getValue();
    }

    static int endMarkerChecksum(CRC32C crc, int blockCount) {
        crc.reset();
        updateInt(crc, END_MARKER_LENGTH);
        updateInt(crc, blockCount);
        return (int) crc.getValue();
    }

    static void writeHeader(ByteBuffer header, int length, int checksum, int sequence) {
        header.clear();
        header.putInt(MAGIC).putInt(length).putInt(checksum).putInt(sequence);
        header.flip();
    }

    private static void updateInt(CRC32C crc, int value) {
        crc.update(value >>> 24);
        crc.update(value >>> 16);
        crc.update(value >>> 8);
        crc.update(value);
    }
}
