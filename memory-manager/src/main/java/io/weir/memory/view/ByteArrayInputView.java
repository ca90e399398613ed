package io.weir.memory.view;

import io.weir.memory.MemorySegment;
import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/** An input view over a byte array on the heap: the reading side of {@link ByteArrayOutputView}. */
public final class ByteArrayInputView implements DataInputView {

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    // the bulk reads and writes of arrays: little-endian (see MemorySegment.getIntsLittleEndian)
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] buffer;
    private int position;
    private int end;

    public ByteArrayInputView() {
        this(new byte[0]);
    }

    public ByteArrayInputView(byte[] buffer) {
        this(buffer, 0, buffer.length);
    }

    public ByteArrayInputView(byte[] buffer, int offset, int length) {
        setBuffer(buffer, offset, length);
    }

    /** Reads {@code buffer[offset, offset + length)} from now on. */
    public void setBuffer(byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        this.buffer = buffer;
        this.position = offset;
        this.end = offset + length;
    }

    public int position() {
        return position;
    }

    public int available() {
        return end - position;
    }

    private void require(int count) throws EOFException {
        if (count > end - position) {
            throw new EOFException(
                    "read of " + count + " bytes at " + position + " passes the end of the data at " + end);
        }
    }

    @Override
    public byte readByte() throws IOException {
        require(1);
        return buffer[position++];
    }

    @Override
    public int readUnsignedByte() throws IOException {
        return readByte() & 0xFF;
    }

    @Override
    public boolean readBoolean() throws IOException {
        return readByte() != 0;
    }

    @Override
    public short readShort() throws IOException {
        require(2);
        short value = (short) SHORT.get(buffer, position);
        position += 2;
        return value;
    }

    @Override
    public int readUnsignedShort() throws IOException {
        return readShort() & 0xFFFF;
    }

    @Override
    public char readChar() throws IOException {
        return (char) readShort();
    }

    @Override
    public int readInt() throws IOException {
        require(4);
        int value = (int) INT.get(buffer, position);
        position += 4;
        return value;
    }

    @Override
    public long readLong() throws IOException {
        require(8);
        long value = (long) LONG.get(buffer, position);
        position += 8;
        return value;
    }

    /** Checks that {@code count} elements of {@code width} bytes are left; returns their bytes. */
    private int requireElements(int count, int width) throws EOFException {
        long bytes = (long) count * width;
        if (count < 0 || bytes > end - position) {
            throw new EOFException("read of " + count + " elements of " + width + " bytes at " + position
                    + " passes the end of the data at " + end);
        }
        return (int) bytes;
    }

    // the bulk reads: one bounds check, then a tight loop or, for more elements, the JDK's bulk copy
    // (see ByteArrayOutputView: the loop is slow until C2 has compiled it)

    @Override
    public void readInts(int[] target, int offset, int count) throws IOException {
        Objects.checkFromIndexSize(offset, count, target.length);
        int at = position;
        int length = requireElements(count, 4);
        if (count >= ByteArrayOutputView.BULK_ELEMENTS) {
            ByteBuffer.wrap(buffer, at, length)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asIntBuffer()
                    .get(target, offset, count);
        } else {
            for (int i = 0; i < count; i++) {
                target[offset + i] = (int) INT_LE.get(buffer, at + 4 * i);
            }
        }
        position += length;
    }

    @Override
    public void readLongs(long[] target, int offset, int count) throws IOException {
        Objects.checkFromIndexSize(offset, count, target.length);
        int at = position;
        int length = requireElements(count, 8);
        if (count >= ByteArrayOutputView.BULK_ELEMENTS) {
            ByteBuffer.wrap(buffer, at, length)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asLongBuffer()
                    .get(target, offset, count);
        } else {
            for (int i = 0; i < count; i++) {
                target[offset + i] = (long) LONG_LE.get(buffer, at + 8 * i);
            }
        }
        position += length;
    }

    @Override
    public void readDoubles(double[] target, int offset, int count) throws IOException {
        Objects.checkFromIndexSize(offset, count, target.length);
        int at = position;
        int length = requireElements(count, 8);
        if (count >= ByteArrayOutputView.BULK_ELEMENTS) {
            ByteBuffer.wrap(buffer, at, length)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asDoubleBuffer()
                    .get(target, offset, count);
        } else {
            for (int i = 0; i < count; i++) {
                target[offset + i] = Double.longBitsToDouble((long) LONG_LE.get(buffer, at + 8 * i));
            }
        }
        position += length;
    }

    @Override
    public float readFloat() throws IOException {
        return Float.intBitsToFloat(readInt());
    }

    @Override
    public double readDouble() throws IOException {
        return Double.longBitsToDouble(readLong());
    }

    @Override
    public void readFully(byte[] target) throws IOException {
        readFully(target, 0, target.length);
    }

    @Override
    public void readFully(byte[] target, int offset, int length) throws IOException {
        require(length);
        System.arraycopy(buffer, position, target, offset, length);
        position += length;
    }

    @Override
    public void readFully(MemorySegment target, int offset, int length) throws IOException {
        require(length);
        target.put(offset, buffer, position, length);
        position += length;
    }

    @Override
    public int read(byte[] target, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (position == end) {
            return -1;
        }
        int count = Math.min(length, end - position);
        System.arraycopy(buffer, position, target, offset, count);
        position += count;
        return count;
    }

    @Override
    public int skipBytes(int count) {
        int skipped = Math.max(0, Math.min(count, end - position));
        position += skipped;
        return skipped;
    }

    @Override
    public void skipBytesToRead(int count) throws IOException {
        require(count);
        position += count;
    }

    @Override
    public String readLine() throws IOException {
        return ModifiedUtf8.readLine(this);
    }

    @Override
    public String readUTF() throws IOException {
        return ModifiedUtf8.read(this);
    }
}
