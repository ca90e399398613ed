package io.weir.memory.view;

import io.weir.memory.MemorySegment;
import java.io.IOException;

/**
 * An output view that writes into a sequence of memory pages, moving to the next page when the
 * current one is full. Values are written big-endian and may straddle two pages; the subclass
 * decides where the next page comes from ({@link #nextSegment}) — an in-memory list, a spill
 * writer, a network buffer pool.
 *
 * <pre>
 *   page n                          page n+1
 *   ┌──────────┬───────────────────┐ ┌──────────┬──────────────────┐
 *   │ header   │ records ... rec|  │ │ header   │ord ... records   │
 *   └──────────┴───────────────────┘ └──────────┴──────────────────┘
 *   0     headerLength          limit  0    headerLength
 * </pre>
 *
 * The header (often zero bytes) is reserved for the subclass; the view never writes it.
 */
public abstract class AbstractPagedOutputView implements DataOutputView {

    private MemorySegment segment;
    private int position;
    private int limit;
    private final int headerLength;

    /**
     * @param initial the first page, or {@code null} if the subclass seeks to one later
     * @param headerLength bytes reserved at the start of every page
     */
    protected AbstractPagedOutputView(MemorySegment initial, int headerLength) {
        this.headerLength = headerLength;
        if (initial != null) {
            seekOutput(initial, headerLength);
        }
    }

    /**
     * Called when the current page is full (or {@link #advance()} is called): hands over the page
     * with the number of bytes used in it and returns the page to continue in.
     *
     * @throws java.io.EOFException when no page is left, for bounded views such as sort buffers
     */
    protected abstract MemorySegment nextSegment(MemorySegment current, int positionInCurrent) throws IOException;

    /** The page being written, or {@code null}. */
    public MemorySegment currentSegment() {
        return segment;
    }

    /** The write position in the current page. */
    public int currentPositionInSegment() {
        return position;
    }

    public int headerLength() {
        return headerLength;
    }

    /** Continues writing in {@code target} at {@code position}, up to the end of the page. */
    protected void seekOutput(MemorySegment target, int position) {
        this.segment = target;
        this.position = position;
        this.limit = target.size();
    }

    /** Forgets the current page, so that a new one must be sought before writing. */
    protected void clear() {
        this.segment = null;
        this.position = 0;
        this.limit = 0;
    }

    /** Moves to the next page, handing over the current one. */
    public void advance() throws IOException {
        MemorySegment next = nextSegment(segment, position);
        seekOutput(next, headerLength);
    }

    private void ensureWritable() throws IOException {
        if (position >= limit) {
            advance();
        }
    }

    @Override
    public void write(int b) throws IOException {
        if (position < limit) {
            segment.put(position++, (byte) b);
        } else {
            advance();
            segment.put(position++, (byte) b);
        }
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        write(bytes, 0, bytes.length);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            ensureWritable();
            int chunk = Math.min(length, limit - position);
            segment.put(position, bytes, offset, chunk);
            position += chunk;
            offset += chunk;
            length -= chunk;
        }
    }

    @Override
    public void writeBoolean(boolean value) throws IOException {
        write(value ? 1 : 0);
    }

    @Override
    public void writeByte(int value) throws IOException {
        write(value);
    }

    @Override
    public void writeShort(int value) throws IOException {
        if (position <= limit - 2) {
            segment.putShortBigEndian(position, (short) value);
            position += 2;
        } else {
            write(value >>> 8);
            write(value);
        }
    }

    @Override
    public void writeChar(int value) throws IOException {
        writeShort(value);
    }

    @Override
    public void writeInt(int value) throws IOException {
        if (position <= limit - 4) {
            segment.putIntBigEndian(position, value);
            position += 4;
        } else {
            write(value >>> 24);
            write(value >>> 16);
            write(value >>> 8);
            write(value);
        }
    }

    /**
     * Writes {@code count} elements of {@code width} bytes (a power of two): those that fit the page
     * through {@code bulk} at once, one that crosses into the next page through {@code single}.
     */
    private void writeElements(
            int width,
            int offset,
            int count,
            AbstractPagedInputView.ElementCopy bulk,
            AbstractPagedInputView.ElementCopy single)
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
    public void writeInts(int[] source, int offset, int count) throws IOException {
        writeElements(
                4,
                offset,
                count,
                (at, from, n) -> segment.putIntsLittleEndian(at, source, from, n),
                (at, from, n) -> writeInt(Integer.reverseBytes(source[from])));
    }

    @Override
    public void writeLongs(long[] source, int offset, int count) throws IOException {
        writeElements(
                8,
                offset,
                count,
                (at, from, n) -> segment.putLongsLittleEndian(at, source, from, n),
                (at, from, n) -> writeLong(Long.reverseBytes(source[from])));
    }

    @Override
    public void writeDoubles(double[] source, int offset, int count) throws IOException {
        writeElements(
                8,
                offset,
                count,
                (at, from, n) -> segment.putDoublesLittleEndian(at, source, from, n),
                // the bits, as the bulk copy
                (at, from, n) -> writeLong(Long.reverseBytes(Double.doubleToRawLongBits(source[from]))));
    }

    @Override
    public void writeLong(long value) throws IOException {
        if (position <= limit - 8) {
            segment.putLongBigEndian(position, value);
            position += 8;
        } else {
            writeInt((int) (value >>> 32));
            writeInt((int) value);
        }
    }

    @Override
    public void writeFloat(float value) throws IOException {
        writeInt(Float.floatToIntBits(value));
    }

    @Override
    public void writeDouble(double value) throws IOException {
        writeLong(Double.doubleToLongBits(value));
    }

    @Override
    public void writeBytes(String value) throws IOException {
        int length = value.length();
        if (limit - position >= length) {
            for (int i = 0; i < length; i++) {
                segment.put(position + i, (byte) value.charAt(i));
            }
            position += length;
            return;
        }
        for (int i = 0; i < length; i++) {
            write(value.charAt(i));
        }
    }

    @Override
    public void writeChars(String value) throws IOException {
        for (int i = 0; i < value.length(); i++) {
            writeChar(value.charAt(i));
        }
    }

    @Override
    public void writeUTF(String value) throws IOException {
        ModifiedUtf8.write(value, this);
    }

    @Override
    public void skipBytesToWrite(int count) throws IOException {
        while (count > 0) {
            ensureWritable();
            int chunk = Math.min(count, limit - position);
            position += chunk;
            count -= chunk;
        }
    }

    @Override
    public void write(DataInputView source, int count) throws IOException {
        while (count > 0) {
            ensureWritable();
            int chunk = Math.min(count, limit - position);
            source.readFully(segment, position, chunk);
            position += chunk;
            count -= chunk;
        }
    }
}
