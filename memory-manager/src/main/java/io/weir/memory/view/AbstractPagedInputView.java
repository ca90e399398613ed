package io.weir.memory.view;

import io.weir.memory.MemorySegment;
import java.io.EOFException;
import java.io.IOException;

/**
 * An input view that reads from a sequence of memory pages, the counterpart of {@link
 * AbstractPagedOutputView}: values may straddle two pages, each page holds valid bytes from {@code
 * headerLength} up to its limit, and the subclass supplies the next page and its limit.
 */
public abstract class AbstractPagedInputView implements DataInputView {

    private MemorySegment segment;
    private int position;
    private int limit;
    private final int headerLength;

    /**
     * @param initial the first page, or {@code null} if the subclass seeks to one later
     * @param initialLimit the end of the valid bytes in {@code initial}
     * @param headerLength bytes reserved at the start of every page
     */
    protected AbstractPagedInputView(MemorySegment initial, int initialLimit, int headerLength) {
        this.headerLength = headerLength;
        if (initial != null) {
            seekInput(initial, headerLength, initialLimit);
        }
    }

    /**
     * Returns the page after {@code current}.
     *
     * @throws EOFException when there is none
     */
    protected abstract MemorySegment nextSegment(MemorySegment current) throws IOException;

    /** The end of the valid bytes in a page that {@link #nextSegment} returned. */
    protected abstract int getLimitForSegment(MemorySegment segment);

    /** The page being read, or {@code null}. */
    public MemorySegment currentSegment() {
        return segment;
    }

    public int currentPositionInSegment() {
        return position;
    }

    public int currentSegmentLimit() {
        return limit;
    }

    public int headerLength() {
        return headerLength;
    }

    /** Continues reading in {@code target} at {@code position}, up to {@code limit}. */
    protected void seekInput(MemorySegment target, int position, int limit) {
        this.segment = target;
        this.position = position;
        this.limit = limit;
    }

    /** Forgets the current page. */
    protected void clear() {
        this.segment = null;
        this.position = 0;
        this.limit = 0;
    }

    /** Moves to the next page. */
    public void advance() throws IOException {
        MemorySegment next = nextSegment(segment);
        seekInput(next, headerLength, getLimitForSegment(next));
    }

    /** Advances past every exhausted page; on return at least one byte can be read. */
    private void ensureReadable() throws IOException {
        while (position >= limit) {
            advance();
        }
    }

    @Override
    public byte readByte() throws IOException {
        if (position < limit) {
            return segment.get(position++);
        }
        ensureReadable();
        return segment.get(position++);
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
        if (position <= limit - 2) {
            short value = segment.getShortBigEndian(position);
            position += 2;
            return value;
        }
        return (short) ((readUnsignedByte() << 8) | readUnsignedByte());
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
        if (position <= limit - 4) {
            int value = segment.getIntBigEndian(position);
            position += 4;
            return value;
        }
        return (readUnsignedByte() << 24) | (readUnsignedByte() << 16) | (readUnsignedByte() << 8) | readUnsignedByte();
    }

    @Override
    public long readLong() throws IOException {
        if (position <= limit - 8) {
            long value = segment.getLongBigEndian(position);
            position += 8;
            return value;
        }
        return ((long) readInt() << 32) | (readInt() & 0xFFFFFFFFL);
    }

    /** Copies {@code count} elements between a page at {@code position} and an array at {@code offset}. */
    @FunctionalInterface
    protected interface ElementCopy {
        void copy(int position, int offset, int count) throws IOException;
    }

    /**
     * Reads {@code count} elements of {@code width} bytes (a power of two): the whole ones in the
     * page through {@code bulk} at once, one that crosses into the next page through {@code single}.
     */
    private void readElements(int width, int offset, int count, ElementCopy bulk, ElementCopy single)
            throws IOException {
        int shift = Integer.numberOfTrailingZeros(width);
        while (count > 0) {
            int whole = Math.min(count, (limit - position) >> shift);
            if (whole == 0) {
                single.copy(position, offset++, 1);
                count--;
                continue;
            }
            bulk.copy(position, offset, whole);
            position += whole << shift;
            offset += whole;
            count -= whole;
        }
    }

    @Override
    public void readInts(int[] target, int offset, int count) throws IOException {
        readElements(
                4,
                offset,
                count,
                (at, to, n) -> segment.getIntsLittleEndian(at, target, to, n),
                (at, to, n) -> target[to] = Integer.reverseBytes(readInt()));
    }

    @Override
    public void readLongs(long[] target, int offset, int count) throws IOException {
        readElements(
                8,
                offset,
                count,
                (at, to, n) -> segment.getLongsLittleEndian(at, target, to, n),
                (at, to, n) -> target[to] = Long.reverseBytes(readLong()));
    }

    @Override
    public void readDoubles(double[] target, int offset, int count) throws IOException {
        readElements(
                8,
                offset,
                count,
                (at, to, n) -> segment.getDoublesLittleEndian(at, target, to, n),
                (at, to, n) -> target[to] = Double.longBitsToDouble(Long.reverseBytes(readLong())));
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
        while (length > 0) {
            ensureReadable();
            int chunk = Math.min(length, limit - position);
            segment.get(position, target, offset, chunk);
            position += chunk;
            offset += chunk;
            length -= chunk;
        }
    }

    /**
     * Reads {@code length} bytes and tells whether they equal {@code expected[offset..offset+length)}:
     * how a hash table compares a stored key without copying it out of its page.
     */
    public boolean readEquals(byte[] expected, int offset, int length) throws IOException {
        boolean equal = true;
        while (length > 0) {
            ensureReadable();
            int chunk = Math.min(length, limit - position);
            equal = equal && segment.equalTo(position, expected, offset, chunk);
            position += chunk;
            offset += chunk;
            length -= chunk;
        }
        return equal;
    }

    @Override
    public void readFully(MemorySegment target, int offset, int length) throws IOException {
        while (length > 0) {
            ensureReadable();
            int chunk = Math.min(length, limit - position);
            segment.copyTo(position, target, offset, chunk);
            position += chunk;
            offset += chunk;
            length -= chunk;
        }
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        try {
            ensureReadable();
        } catch (EOFException e) {
            return -1;
        }
        int chunk = Math.min(length, limit - position);
        segment.get(position, target, offset, chunk);
        position += chunk;
        return chunk;
    }

    @Override
    public int skipBytes(int count) throws IOException {
        int skipped = 0;
        while (skipped < count) {
            try {
                ensureReadable();
            } catch (EOFException e) {
                break;
            }
            int chunk = Math.min(count - skipped, limit - position);
            position += chunk;
            skipped += chunk;
        }
        return skipped;
    }

    @Override
    public void skipBytesToRead(int count) throws IOException {
        while (count > 0) {
            ensureReadable();
            int chunk = Math.min(count, limit - position);
            position += chunk;
            count -= chunk;
        }
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
