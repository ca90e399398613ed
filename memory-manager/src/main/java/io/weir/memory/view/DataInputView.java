package io.weir.memory.view;

import io.weir.memory.MemorySegment;
import java.io.DataInput;
import java.io.EOFException;
import java.io.IOException;

/**
 * Where serializers read records from: a {@link DataInput} over memory pages, a byte array or a
 * file, with records that may cross page boundaries. Reading past the end throws {@link
 * EOFException}.
 */
public interface DataInputView extends DataInput {

    /** Skips exactly {@code count} bytes, or throws {@link EOFException}. */
    void skipBytesToRead(int count) throws IOException;

    /**
     * Reads up to {@code length} bytes into {@code target[offset..]}.
     *
     * @return the number of bytes read, or -1 at the end of the input
     */
    int read(byte[] target, int offset, int length) throws IOException;

    /**
     * Reads exactly {@code length} bytes into {@code target} at {@code offset}. Paged views copy
     * page to page; this default goes a byte at a time.
     */
    default void readFully(MemorySegment target, int offset, int length) throws IOException {
        for (int i = 0; i < length; i++) {
            target.put(offset + i, readByte());
        }
    }

    /** Reads {@code count} little-endian ints ({@link DataOutputView#writeInts}) into {@code target[offset..]}. */
    default void readInts(int[] target, int offset, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            target[offset + i] = Integer.reverseBytes(readInt());
        }
    }

    /** Reads {@code count} little-endian longs ({@link DataOutputView#writeLongs}) into {@code target[offset..]}. */
    default void readLongs(long[] target, int offset, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            target[offset + i] = Long.reverseBytes(readLong());
        }
    }

    /** Reads {@code count} doubles, each from a little-endian long's bits, into {@code target[offset..]}. */
    default void readDoubles(double[] target, int offset, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            target[offset + i] = Double.longBitsToDouble(Long.reverseBytes(readLong()));
        }
    }

    /** Reads a value written by {@link DataOutputView#writeVarInt}. */
    default int readVarInt() throws IOException {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = readUnsignedByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("malformed variable-length int: more than 5 bytes");
    }

    /** Reads a value written by {@link DataOutputView#writeVarLong}. */
    default long readVarLong() throws IOException {
        long value = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            int b = readUnsignedByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("malformed variable-length long: more than 10 bytes");
    }
}
