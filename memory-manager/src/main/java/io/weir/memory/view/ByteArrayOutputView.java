package io.weir.memory.view;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An output view over a growing byte array on the heap: for serializing a single record (a key, a
 * broadcast value, a Kryo payload) where pages would be overkill. Not for bulk data, which belongs
 * in managed memory.
 */
public final class ByteArrayOutputView implements DataOutputView {

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    // the bulk reads and writes of arrays: little-endian (see MemorySegment.getIntsLittleEndian)
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] buffer;
    private int position;

    public ByteArrayOutputView() {
        this(64);
    }

    public ByteArrayOutputView(int initialCapacity) {
        this.buffer = new byte[Math.max(initialCapacity, 8)];
    }

    /** The number of bytes written. */
    public int length() {
        return position;
    }

    /** The backing array; valid bytes are {@code [0, length())}. */
    public byte[] buffer() {
        return buffer;
    }

    /** A copy of the bytes written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, position);
    }

    /** Forgets everything written; the capacity stays. */
    public void reset() {
        position = 0;
    }

    /**
     * Forgets everything written and lets a buffer grown past {@code capacity} bytes go: for a view
     * kept by an object that lives on after its work (so that the garbage collector does not copy
     * the buffer from space to space for nothing).
     */
    public void release(int capacity) {
        position = 0;
        if (buffer.length > capacity) {
            buffer = new byte[Math.max(capacity, 8)];
        }
    }

    private void ensureCapacity(int additional) {
        int required = position + additional;
        if (required < 0) {
            throw new IllegalStateException("a byte array output view holds at most 2 GiB");
        }
        if (required > buffer.length) {
            int grown = (int) Math.min(Integer.MAX_VALUE - 8L, Math.max((long) buffer.length * 2, required));
            buffer = Arrays.copyOf(buffer, grown);
        }
    }

    @Override
    public void write(int b) {
        ensureCapacity(1);
        buffer[position++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes) {
        write(bytes, 0, bytes.length);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        ensureCapacity(length);
        System.arraycopy(bytes, offset, buffer, position, length);
        position += length;
    }

    @Override
    public void writeBoolean(boolean value) {
        write(value ? 1 : 0);
    }

    @Override
    public void writeByte(int value) {
        write(value);
    }

    @Override
    public void writeShort(int value) {
        ensureCapacity(2);
        SHORT.set(buffer, position, (short) value);
        position += 2;
    }

    @Override
    public void writeChar(int value) {
        writeShort(value);
    }

    @Override
    public void writeInt(int value) {
        ensureCapacity(4);
        INT.set(buffer, position, value);
        position += 4;
    }

    @Override
    public void writeLong(long value) {
        ensureCapacity(8);
        LONG.set(buffer, position, value);
        position += 8;
    }

    /** The bytes of {@code count} elements of {@code width} bytes, checked to fit an array. */
    private static int bytes(int count, int width) {
        long bytes = (long) count * width;
        if (count < 0 || bytes > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("a byte array output view holds at most 2 GiB, not " + count + " elements");
        }
        return (int) bytes;
    }

    /*
     * The bulk writes: one capacity check, then for a few elements a tight loop and for more the
     * JDK's bulk copy through a little-endian buffer view (a plain memory copy). The loop
     * is as fast once C2 has compiled it, but until then it runs at 8-10 ns an element (C1) or
     * 800 ns (interpreted), where the bulk copy takes 1-2 ns from the first call: it is what large
     * arrays (graph blocks, edge lists) cost while a job warms up.
     */

    /** From this many elements on, arrays are copied in bulk. */
    static final int BULK_ELEMENTS = 16;

    @Override
    public void writeInts(int[] source, int offset, int count) {
        java.util.Objects.checkFromIndexSize(offset, count, source.length);
        int length = bytes(count, 4);
        ensureCapacity(length);
        if (count >= BULK_ELEMENTS) {
            ByteBuffer.wrap(buffer, position, length)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asIntBuffer()
                    .put(source, offset, count);
        } else {
            for (int i = 0; i < count; i++) {
                INT_LE.set(buffer, position + 4 * i, source[offset + i]);
            }
        }
        position += length;
    }

    @Override
    public void writeLongs(long[] source, int offset, int count) {
        java.util.Objects.checkFromIndexSize(offset, count, source.length);
        int length = bytes(count, 8);
        ensureCapacity(length);
        if (count >= BULK_ELEMENTS) {
            ByteBuffer.wrap(buffer, position, length)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asLongBuffer()
                    .put(source, offset, count);
        } else {
            for (int i = 0; i < count; i++) {
                LONG_LE.set(buffer, position + 8 * i, source[offset + i]);
            }
        }
        position += length;
    }

    @Override
    public void writeDoubles(double[] source, int offset, int count) {
        java.util.Objects.checkFromIndexSize(offset, count, source.length);
        int length = bytes(count, 8);
        ensureCapacity(length);
        if (count >= BULK_ELEMENTS) {
            // the view writes each double's raw bits, as the loop does
            ByteBuffer.wrap(buffer, position, length)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asDoubleBuffer()
                    .put(source, offset, count);
        } else {
            for (int i = 0; i < count; i++) {
                LONG_LE.set(buffer, position + 8 * i, Double.doubleToRawLongBits(source[offset + i]));
            }
        }
        position += length;
    }

    @Override
    public void writeFloat(float value) {
        writeInt(Float.floatToIntBits(value));
    }

    @Override
    public void writeDouble(double value) {
        writeLong(Double.doubleToLongBits(value));
    }

    @Override
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): the low byte of each char, as wanted
    public void writeBytes(String value) {
        int length = value.length();
        ensureCapacity(length);
        value.getBytes(0, length, buffer, position);
        position += length;
    }

    @Override
    public void writeChars(String value) {
        for (int i = 0; i < value.length(); i++) {
            writeChar(value.charAt(i));
        }
    }

    @Override
    public void writeUTF(String value) throws IOException {
        ModifiedUtf8.write(value, this);
    }

    @Override
    public void skipBytesToWrite(int count) {
        ensureCapacity(count);
        position += count;
    }

    @Override
    public void write(DataInputView source, int count) throws IOException {
        ensureCapacity(count);
        source.readFully(buffer, position, count);
        position += count;
    }
}
