package io.weir.memory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * A fixed-size page of off-heap memory: the unit in which Weir's operators borrow memory from the
 * {@link MemoryManager}, write serialized records, sort, hash, and spill through the {@link
 * IOManager}.
 *
 * <h2>Layout and access</h2>
 *
 * <pre>
 *   offset 0                                                        size()
 *   ┌────────────────────────────────────────────────────────────────┐
 *   │ raw bytes; the segment imposes no structure of its own           │
 *   └────────────────────────────────────────────────────────────────┘
 * </pre>
 *
 * Every multi-byte accessor comes twice: {@code getLong} reads in the platform's native byte order
 * (fastest; for data that never leaves this process, such as sort-index pointers), {@code
 * getLongBigEndian} in big-endian order (for serialized records, which follow the {@link
 * java.io.DataOutput} contract, and for normalized keys, whose byte-wise order must equal their
 * numeric order).
 *
 * <h2>Why direct {@link ByteBuffer}s</h2>
 *
 * The segment reads and writes through two views of one direct buffer, one per byte order, using
 * the buffers' absolute accessors. Both views are of the same JDK class, so every call site stays
 * monomorphic and the JIT inlines the accessor down to a bounds check and a (byte-swapped) move.
 * {@code sun.misc.Unsafe} is a few percent faster on random access (see {@code
 * benchmarks/RESULTS.md}, {@code MemorySegmentAccessBenchmark}), but its memory-access methods are
 * deprecated for removal (JEP 471), warn on JDK 24 and will be refused by later JDKs, and it gives
 * no bounds checks: a bug would corrupt memory instead of throwing. The bounds check is what makes
 * "use after free" a clear error (below), and costs one compare the JIT often hoists out of loops.
 *
 * <h2>Ownership and freeing</h2>
 *
 * A segment handed out by the {@link MemoryManager} belongs to one owner until it is released.
 * Releasing <em>frees</em> this object: its views are swapped for an empty buffer, so any later
 * access fails with an {@link IllegalStateException} that says the segment was freed, instead of
 * reading memory that another operator now uses. (The manager may give the same memory to a new
 * {@code MemorySegment} object.) The class is not thread-safe; one task uses a segment at a time.
 */
public final class MemorySegment {

    private static final ByteBuffer FREED = ByteBuffer.allocateDirect(0);
    private static final boolean NATIVE_IS_BIG_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;

    /** The buffer the memory belongs to; kept so that the manager can reuse or free it. */
    private ByteBuffer memory;

    /** View in big-endian order. */
    private ByteBuffer bigEndian;

    /** View in native order; the same object as {@link #bigEndian} on big-endian platforms. */
    private ByteBuffer nativeOrder;

    private final int size;
    private final Object owner;

    MemorySegment(ByteBuffer memory, Object owner) {
        if (!memory.isDirect()) {
            throw new IllegalArgumentException("a memory segment wraps off-heap (direct) memory");
        }
        this.memory = memory;
        this.bigEndian = memory.duplicate().order(ByteOrder.BIG_ENDIAN).clear();
        this.nativeOrder = NATIVE_IS_BIG_ENDIAN
                ? bigEndian
                : memory.duplicate().order(ByteOrder.LITTLE_ENDIAN).clear();
        this.size = memory.capacity();
        this.owner = owner;
    }

    /**
     * Allocates a segment outside any {@link MemoryManager}, for tests, benchmarks and tools. Its
     * memory is returned to the JVM when the segment becomes unreachable. Operators never call this:
     * they borrow pages from the memory manager, which accounts for them.
     */
    public static MemorySegment allocateUnpooled(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("segment size must be positive: " + size);
        }
        return new MemorySegment(ByteBuffer.allocateDirect(size), null);
    }

    /** The size of this segment in bytes; it never changes, also not when the segment is freed. */
    public int size() {
        return size;
    }

    /** The owner this segment was allocated for, or {@code null} for an unpooled segment. */
    public Object owner() {
        return owner;
    }

    public boolean isFreed() {
        return bigEndian == FREED;
    }

    /**
     * Frees this segment object and hands its memory to the caller (the memory manager), which may
     * wrap it in a new segment. Any later access through this object fails.
     */
    ByteBuffer free() {
        ByteBuffer released = memory;
        if (released == FREED) {
            throw new IllegalStateException("memory segment was already freed (owner " + owner + ")");
        }
        memory = FREED;
        bigEndian = FREED;
        nativeOrder = FREED;
        return released;
    }

    // ------------------------------------------------------------------------------------------
    // Single values. Each accessor catches the buffer's bounds failure and explains it; a
    // try/catch costs nothing on the path that does not throw.
    // ------------------------------------------------------------------------------------------

    public byte get(int index) {
        try {
            return bigEndian.get(index);
        } catch (IndexOutOfBoundsException e) {
            throw accessFailure(index, 1, e);
        }
    }

    public void put(int index, byte value) {
        try {
            bigEndian.put(index, value);
        } catch (IndexOutOfBoundsException e) {
            throw accessFailure(index, 1, e);
        }
    }

    public boolean getBoolean(int index) {
        return get(index) != 0;
    }

    public void putBoolean(int index, boolean value) {
        put(index, (byte) (value ? 1 : 0));
    }

    public char getChar(int index) {
        try {
            return nativeOrder.getChar(index);
        } catch (IndexOutOfBoundsException e) {
            throw accessFailure(index, 2, e);
        }
    }

    public void putChar(int index, char value) {
        try {
            nativeOrder.putChar(index, value);
        } catch (IndexOutOfBoundsException e) {
            throw accessFailure(index, 2, e);
        }
    }

    public char getCharBigEndian(int index) {
        try {
            return bigEndian.getChar(index);
        } catch (IndexOutOfBoundsException e) {
            throw accessFailure(index, 2, e);
        }
    }

    public void putCharBigEndian(int index, char value) {
        try {
            bigEndian.putChar(index, value);
        } catch (IndexOutOfBoundsException e) {
            throw accessFailure(index, 2, e);
        }
    }

    public short getShort(int index) {
        try {
            return nativeOrder.getShort(index);
        } catch (IndexOutOfBoundsException e) {
            throw accessFailure(index, 2, e);
        }
    }

    public void putShort(int index, short value) {
        try {
            nativeOrder.putShort(index, value);
        } catch (IndexOutOfBoundsException e) {
            throw accessFailure(index, 2, e);
        }
    }

    public short getShortBigEndian(int index) {
        try {
            return bigEndian.getShort(index);
        } catch (IndexOutOfBoundsException e) {
            throw accessFailure(index, 2, e);
        }
    }

    public void putShortBigEndian(int index, short value) {
        try {
            bigEndian.putShort(index, value);
        } catch (IndexOutOfBoundsException e) {
            throw accessFailure(index, 2, e);
        }
    }

    public int getInt(int index) {
        try {
            return nativeOrder.getInt(index);
        } catch (IndexOutOfBoundsException e) {
            throw accessFailure(index, 4, e);
        }
    }

    public void putInt(int index, int value) {
        try {
            nativeOrder.putInt(index, value);
        } catch (IndexOutOfBoundsException e) {
            throw accessFailure(index, 4, e);
        }
    }

    public int getIntBigEndian(int index) {
        try {
            return bigEndian.getInt(index);
        } catch (IndexOutOfBoundsException e) {
            throw accessFailure(index, 4, e);
        }
    }

    public void putIntBigEndian(int index, int value) {
        try {
            bigEndian.putInt(index, value);
        } catch (IndexOutOfBoundsException e) {
            throw accessFailure(index, 4, e);
        }
    }

    public long getLong(int index) {
        try {
            return nativeOrder.getLong(index);
        } catch (IndexOutOfBoundsException e) {
            throw accessFailure(index, 8, e);
        }
    }

    public void putLong(int index, long value) {
        try {
            nativeOrder.putLong(index, value);
        } catch (IndexOutOfBoundsException e) {
            throw accessFailure(index, 8, e);
        }
    }

    public long getLongBigEndian(int index) {
        try {
            return bigEndian.getLong(index);
        } catch (IndexOutOfBoundsException e) {
            throw accessFailure(index, 8, e);
        }
    }

    public void putLongBigEndian(int index, long value) {
        try {
            bigEndian.putLong(index, value);
        } catch (IndexOutOfBoundsException e) {
            throw accessFailure(index, 8, e);
        }
    }

    public float getFloat(int index) {
        return Float.intBitsToFloat(getInt(index));
    }

    public void putFloat(int index, float value) {
        putInt(index, Float.floatToRawIntBits(value));
    }

    public float getFloatBigEndian(int index) {
        return Float.intBitsToFloat(getIntBigEndian(index));
    }

    public void putFloatBigEndian(int index, float value) {
        putIntBigEndian(index, Float.floatToRawIntBits(value));
    }

    public double getDouble(int index) {
        return Double.longBitsToDouble(getLong(index));
    }

    public void putDouble(int index, double value) {
        putLong(index, Double.doubleToRawLongBits(value));
    }

    public double getDoubleBigEndian(int index) {
        return Double.longBitsToDouble(getLongBigEndian(index));
    }

    public void putDoubleBigEndian(int index, double value) {
        putLongBigEndian(index, Double.doubleToRawLongBits(value));
    }

    // ------------------------------------------------------------------------------------------
    // Bulk operations
    // ------------------------------------------------------------------------------------------

    /** Copies {@code length} bytes starting at {@code index} into {@code target[offset..]}. */
    public void get(int index, byte[] target, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, target.length);
        try {
            bigEndian.get(index, target, offset, length);
        } catch (IndexOutOfBoundsException e) {
            throw accessFailure(index, length, e);
        }
    }

    /** Copies {@code source[offset..offset+length)} into this segment at {@code index}. */
    public void put(int index, byte[] source, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, source.length);
        try {
            bigEndian.put(index, source, offset, length);
        } catch (IndexOutOfBoundsException e) {
            throw accessFailure(index, length, e);
        }
    }

    /**
     * Copies {@code length} bytes from this segment at {@code offset} to {@code target} at {@code
     * targetOffset}. The ranges may overlap when both are this segment.
     */
    public void copyTo(int offset, MemorySegment target, int targetOffset, int length) {
        ByteBuffer source = bigEndian;
        if (source == FREED) {
            throw accessFailure(offset, length, null);
        }
        Objects.checkFromIndexSize(offset, length, size);
        try {
            target.bigEndian.put(targetOffset, source, offset, length);
        } catch (IndexOutOfBoundsException e) {
            throw target.accessFailure(targetOffset, length, e);
        }
    }

    /**
     * Compares {@code length} bytes of this segment at {@code offset} with {@code length} bytes of
     * {@code other} at {@code otherOffset}, as unsigned bytes in lexicographic order: the order in
     * which the sorter compares normalized keys.
     *
     * @return a negative number, zero or a positive number as this range is less than, equal to or
     *     greater than the other
     */
    public int compare(MemorySegment other, int offset, int otherOffset, int length) {
        int i = 0;
        // Eight bytes at a time: big-endian longs compared unsigned order like their bytes.
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            long a = getLongBigEndian(offset + i);
            long b = other.getLongBigEndian(otherOffset + i);
            if (a != b) {
                return Long.compareUnsigned(a, b);
            }
        }
        for (; i < length; i++) {
            int a = get(offset + i) & 0xFF;
            int b = other.get(otherOffset + i) & 0xFF;
            if (a != b) {
                return a - b;
            }
        }
        return 0;
    }

    /** Whether {@code length} bytes here at {@code offset} equal those of {@code other}. */
    public boolean equalTo(MemorySegment other, int offset, int otherOffset, int length) {
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            if (getLong(offset + i) != other.getLong(otherOffset + i)) {
                return false;
            }
        }
        for (; i < length; i++) {
            if (get(offset + i) != other.get(otherOffset + i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Exchanges {@code length} bytes of this segment at {@code offset} with those of {@code other} at
     * {@code otherOffset}. The ranges must not overlap. Short ranges (sort index entries) are swapped
     * a word at a time; long ones through {@code scratch}, which must hold at least {@code length}
     * bytes.
     */
    public void swapBytes(byte[] scratch, MemorySegment other, int offset, int otherOffset, int length) {
        if (length <= 32) {
            int i = 0;
            for (; i + Long.BYTES <= length; i += Long.BYTES) {
                long a = getLong(offset + i);
                putLong(offset + i, other.getLong(otherOffset + i));
                other.putLong(otherOffset + i, a);
            }
            for (; i < length; i++) {
                byte a = get(offset + i);
                put(offset + i, other.get(otherOffset + i));
                other.put(otherOffset + i, a);
            }
            return;
        }
        get(offset, scratch, 0, length);
        other.copyTo(otherOffset, this, offset, length);
        other.put(otherOffset, scratch, 0, length);
    }

    /** Sets {@code length} bytes at {@code offset} to zero. */
    public void clear(int offset, int length) {
        Objects.checkFromIndexSize(offset, length, size);
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            putLong(offset + i, 0L);
        }
        for (; i < length; i++) {
            put(offset + i, (byte) 0);
        }
    }

    /**
     * A byte buffer over {@code [offset, offset + length)} of this segment, positioned at 0, for
     * channel I/O and checksums. It shares memory with the segment and must not outlive it.
     */
    public ByteBuffer wrap(int offset, int length) {
        if (bigEndian == FREED) {
            throw accessFailure(offset, length, null);
        }
        Objects.checkFromIndexSize(offset, length, size);
        return bigEndian.slice(offset, length);
    }

    private RuntimeException accessFailure(int index, int length, IndexOutOfBoundsException cause) {
        if (bigEndian == FREED) {
            return new IllegalStateException("memory segment was freed and must not be used any more (owner " + owner
                    + ", access of " + length + " bytes at " + index + ")");
        }
        IndexOutOfBoundsException failure = new IndexOutOfBoundsException(
                "access of " + length + " bytes at " + index + " is outside a memory segment of " + size + " bytes");
        if (cause != null) {
            failure.initCause(cause);
        }
        return failure;
    }

    @Override
    public String toString() {
        return "MemorySegment[" + size + " bytes, owner " + owner + (isFreed() ? ", freed]" : "]");
    }
}
