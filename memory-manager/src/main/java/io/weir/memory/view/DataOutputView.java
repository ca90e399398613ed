package io.weir.memory.view;

import java.io.DataOutput;
import java.io.IOException;

/**
 * Where serializers write records: a {@link DataOutput} (big-endian, as its contract says) that may
 * span many memory pages, a growing byte array, or a file. Records may cross page boundaries; the
 * view hides them.
 */
public interface DataOutputView extends DataOutput {

    /** Skips {@code count} bytes, leaving whatever they held; used to back-fill lengths. */
    void skipBytesToWrite(int count) throws IOException;

    /** Copies {@code count} bytes from {@code source} to this view without interpreting them. */
    void write(DataInputView source, int count) throws IOException;

    /*
     * The bulk writes of primitive arrays put each element little-endian, unlike writeInt and
     * writeLong: the byte order of the machines Weir runs on, so paged views copy an array as plain
     * memory rather than swapping every element's bytes (MemorySegment.putIntsLittleEndian).
     */

    /** Writes {@code source[offset..offset+count)} as little-endian ints; paged views copy in bulk. */
    default void writeInts(int[] source, int offset, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            writeInt(Integer.reverseBytes(source[offset + i]));
        }
    }

    /** Writes {@code source[offset..offset+count)} as little-endian longs; paged views copy in bulk. */
    default void writeLongs(long[] source, int offset, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            writeLong(Long.reverseBytes(source[offset + i]));
        }
    }

    /** Writes the raw bits of {@code source[offset..offset+count)} as little-endian longs; paged views copy in bulk. */
    default void writeDoubles(double[] source, int offset, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            writeLong(Long.reverseBytes(Double.doubleToRawLongBits(source[offset + i])));
        }
    }

    /**
     * Writes an unsigned variable-length int: seven bits per byte, low bits first, the high bit of
     * each byte saying whether another follows. Small lengths and counts take one byte.
     */
    default void writeVarInt(int value) throws IOException {
        while ((value & ~0x7F) != 0) {
            writeByte((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        writeByte(value);
    }

    /** Writes an unsigned variable-length long, as {@link #writeVarInt}. */
    default void writeVarLong(long value) throws IOException {
        while ((value & ~0x7FL) != 0) {
            writeByte((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        writeByte((int) value);
    }
}
