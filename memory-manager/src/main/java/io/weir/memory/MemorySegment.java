package io.weir.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * A fixed-size page of off-heap memory: the unit in which Weir's operators borrow memory from the
 * {@link MemoryManager}, write serialized records, sort, hash, and spill through the {@link
 * io.weir.memory.io.IOManager}.
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
 * <h2>How memory is reached</h2>
 *
 * The memory is a direct {@link ByteBuffer}. Depending on the JDK ({@link MemoryAccess}), every
 * access goes either to its raw address through {@code sun.misc.Unsafe} (JDK 17 to 23) or through
 * the buffer's absolute accessors (JDK 24 on, where {@code Unsafe}'s memory access is deprecated and
 * the buffers are nearly as fast). The choice is a {@code static final} constant, so the JIT keeps
 * only one path of each accessor. The figures behind the choice are in {@code benchmarks/RESULTS.md}
 * ({@code MemorySegmentAccessBenchmark}): on JDK 17, direct buffers were 2 to 7 times slower than
 * raw addresses for random reads and swaps, and the sorter and hash tables live on those.
 *
 * <p>Both paths check bounds on every access, so a bug throws instead of corrupting memory. On the
 * raw-address path, one comparison covers both the bounds and "freed" (Flink's trick: freeing moves
 * the address past the limit). On the buffer path, each access checks a {@code freed} flag and
 * leaves the bounds to the buffer's own check, which the JIT optimizes best: explaining the
 * buffer's exception in a try/catch made random reads 35% slower on JDK 17, a bounds check of our
 * own more. Bulk operations check their range once, then run without per-access checks of their own.
 *
 * <h2>Ownership and freeing</h2>
 *
 * A segment handed out by the {@link MemoryManager} belongs to one owner until it is released.
 * Releasing <em>frees</em> this object: any later access fails with an {@link IllegalStateException}
 * that says the segment was freed, instead of reading memory that another operator now uses. (The
 * manager gives the memory to a new {@code MemorySegment} object.) The class is not thread-safe; one
 * task uses a segment at a time.
 */
public final class MemorySegment {

    private static final boolean NATIVE_IS_BIG_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;
    private static final boolean UNSAFE = MemoryAccess.UNSAFE_MODE;
    private static final VarHandle BIG_ENDIAN_LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** The buffer the memory belongs to; handed back to the manager when the segment is freed. */
    private final ByteBuffer memory;

    /** View in big-endian order (buffer path and bulk operations). Limit 0 once freed. */
    private final ByteBuffer bigEndian;

    /** View in native order; the same object as {@link #bigEndian} on big-endian platforms. */
    private final ByteBuffer nativeOrder;

    /** Raw address of byte 0 (raw-address path); moved past {@link #addressLimit} when freed. */
    private long address;

    /** Raw address one past the last byte (raw-address path). */
    private final long addressLimit;

    private final int size;
    private final Object owner;
    private boolean freed;

    MemorySegment(ByteBuffer memory, Object owner) {
        if (!memory.isDirect()) {
            throw new IllegalArgumentException("a memory segment wraps off-heap (direct) memory");
        }
        this.memory = memory;
        this.bigEndian = memory.duplicate().clear().order(ByteOrder.BIG_ENDIAN);
        this.nativeOrder =
                NATIVE_IS_BIG_ENDIAN ? bigEndian : memory.duplicate().clear().order(ByteOrder.LITTLE_ENDIAN);
        this.size = memory.capacity();
        this.owner = owner;
        this.address = UNSAFE ? MemoryAccess.addressOf(memory) : 0;
        this.addressLimit = address + size;
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

    /** How segments reach memory in this JVM: {@code "unsafe"} or {@code "buffer"}. */
    public static String accessMode() {
        return MemoryAccess.mode();
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
        return freed;
    }

    /**
     * Frees this segment object and hands its memory to the caller (the memory manager), which may
     * wrap it in a new segment. Any later access through this object fails.
     */
    ByteBuffer free() {
        if (freed) {
            throw new IllegalStateException("memory segment was already freed (owner " + owner + ")");
        }
        freed = true;
        address = addressLimit + 1;
        bigEndian.limit(0);
        nativeOrder.limit(0);
        return memory;
    }

    // ------------------------------------------------------------------------------------------
    // Single values
    // ------------------------------------------------------------------------------------------

    public byte get(int index) {
        if (UNSAFE) {
            long position = address + index;
            if (index >= 0 && position <= addressLimit - 1) {
                return MemoryAccess.UNSAFE.getByte(position);
            }
            throw accessFailure(index, 1, null);
        }
        if (freed) {
            throw accessFailure(index, 1, null);
        }
        return bigEndian.get(index);
    }

    public void put(int index, byte value) {
        if (UNSAFE) {
            long position = address + index;
            if (index >= 0 && position <= addressLimit - 1) {
                MemoryAccess.UNSAFE.putByte(position, value);
                return;
            }
            throw accessFailure(index, 1, null);
        }
        if (freed) {
            throw accessFailure(index, 1, null);
        }
        bigEndian.put(index, value);
    }

    public boolean getBoolean(int index) {
        return get(index) != 0;
    }

    public void putBoolean(int index, boolean value) {
        put(index, (byte) (value ? 1 : 0));
    }

    public char getChar(int index) {
        if (UNSAFE) {
            long position = address + index;
            if (index >= 0 && position <= addressLimit - 2) {
                return MemoryAccess.UNSAFE.getChar(position);
            }
            throw accessFailure(index, 2, null);
        }
        if (freed) {
            throw accessFailure(index, 2, null);
        }
        return nativeOrder.getChar(index);
    }

    public void putChar(int index, char value) {
        if (UNSAFE) {
            long position = address + index;
            if (index >= 0 && position <= addressLimit - 2) {
                MemoryAccess.UNSAFE.putChar(position, value);
                return;
            }
            throw accessFailure(index, 2, null);
        }
        if (freed) {
            throw accessFailure(index, 2, null);
        }
        nativeOrder.putChar(index, value);
    }

    public char getCharBigEndian(int index) {
        if (UNSAFE) {
            long position = address + index;
            if (index >= 0 && position <= addressLimit - 2) {
                char value = MemoryAccess.UNSAFE.getChar(position);
                return NATIVE_IS_BIG_ENDIAN ? value : Character.reverseBytes(value);
            }
            throw accessFailure(index, 2, null);
        }
        if (freed) {
            throw accessFailure(index, 2, null);
        }
        return bigEndian.getChar(index);
    }

    public void putCharBigEndian(int index, char value) {
        if (UNSAFE) {
            long position = address + index;
            if (index >= 0 && position <= addressLimit - 2) {
                MemoryAccess.UNSAFE.putChar(position, NATIVE_IS_BIG_ENDIAN ? value : Character.reverseBytes(value));
                return;
            }
            throw accessFailure(index, 2, null);
        }
        if (freed) {
            throw accessFailure(index, 2, null);
        }
        bigEndian.putChar(index, value);
    }

    public short getShort(int index) {
        if (UNSAFE) {
            long position = address + index;
            if (index >= 0 && position <= addressLimit - 2) {
                return MemoryAccess.UNSAFE.getShort(position);
            }
            throw accessFailure(index, 2, null);
        }
        if (freed) {
            throw accessFailure(index, 2, null);
        }
        return nativeOrder.getShort(index);
    }

    public void putShort(int index, short value) {
        if (UNSAFE) {
            long position = address + index;
            if (index >= 0 && position <= addressLimit - 2) {
                MemoryAccess.UNSAFE.putShort(position, value);
                return;
            }
            throw accessFailure(index, 2, null);
        }
        if (freed) {
            throw accessFailure(index, 2, null);
        }
        nativeOrder.putShort(index, value);
    }

    public short getShortBigEndian(int index) {
        if (UNSAFE) {
            long position = address + index;
            if (index >= 0 && position <= addressLimit - 2) {
                short value = MemoryAccess.UNSAFE.getShort(position);
                return NATIVE_IS_BIG_ENDIAN ? value : Short.reverseBytes(value);
            }
            throw accessFailure(index, 2, null);
        }
        if (freed) {
            throw accessFailure(index, 2, null);
        }
        return bigEndian.getShort(index);
    }

    public void putShortBigEndian(int index, short value) {
        if (UNSAFE) {
            long position = address + index;
            if (index >= 0 && position <= addressLimit - 2) {
                MemoryAccess.UNSAFE.putShort(position, NATIVE_IS_BIG_ENDIAN ? value : Short.reverseBytes(value));
                return;
            }
            throw accessFailure(index, 2, null);
        }
        if (freed) {
            throw accessFailure(index, 2, null);
        }
        bigEndian.putShort(index, value);
    }

    public int getInt(int index) {
        if (UNSAFE) {
            long position = address + index;
            if (index >= 0 && position <= addressLimit - 4) {
                return MemoryAccess.UNSAFE.getInt(position);
            }
            throw accessFailure(index, 4, null);
        }
        if (freed) {
            throw accessFailure(index, 4, null);
        }
        return nativeOrder.getInt(index);
    }

    public void putInt(int index, int value) {
        if (UNSAFE) {
            long position = address + index;
            if (index >= 0 && position <= addressLimit - 4) {
                MemoryAccess.UNSAFE.putInt(position, value);
                return;
            }
            throw accessFailure(index, 4, null);
        }
        if (freed) {
            throw accessFailure(index, 4, null);
        }
        nativeOrder.putInt(index, value);
    }

    public int getIntBigEndian(int index) {
        if (UNSAFE) {
            long position = address + index;
            if (index >= 0 && position <= addressLimit - 4) {
                int value = MemoryAccess.UNSAFE.getInt(position);
                return NATIVE_IS_BIG_ENDIAN ? value : Integer.reverseBytes(value);
            }
            throw accessFailure(index, 4, null);
        }
        if (freed) {
            throw accessFailure(index, 4, null);
        }
        return bigEndian.getInt(index);
    }

    public void putIntBigEndian(int index, int value) {
        if (UNSAFE) {
            long position = address + index;
            if (index >= 0 && position <= addressLimit - 4) {
                MemoryAccess.UNSAFE.putInt(position, NATIVE_IS_BIG_ENDIAN ? value : Integer.reverseBytes(value));
                return;
            }
            throw accessFailure(index, 4, null);
        }
        if (freed) {
            throw accessFailure(index, 4, null);
        }
        bigEndian.putInt(index, value);
    }

    public long getLong(int index) {
        if (UNSAFE) {
            long position = address + index;
            if (index >= 0 && position <= addressLimit - 8) {
                return MemoryAccess.UNSAFE.getLong(position);
            }
            throw accessFailure(index, 8, null);
        }
        if (freed) {
            throw accessFailure(index, 8, null);
        }
        return nativeOrder.getLong(index);
    }

    public void putLong(int index, long value) {
        if (UNSAFE) {
            long position = address + index;
            if (index >= 0 && position <= addressLimit - 8) {
                MemoryAccess.UNSAFE.putLong(position, value);
                return;
            }
            throw accessFailure(index, 8, null);
        }
        if (freed) {
            throw accessFailure(index, 8, null);
        }
        nativeOrder.putLong(index, value);
    }

    public long getLongBigEndian(int index) {
        if (UNSAFE) {
            long position = address + index;
            if (index >= 0 && position <= addressLimit - 8) {
                long value = MemoryAccess.UNSAFE.getLong(position);
                return NATIVE_IS_BIG_ENDIAN ? value : Long.reverseBytes(value);
            }
            throw accessFailure(index, 8, null);
        }
        if (freed) {
            throw accessFailure(index, 8, null);
        }
        return bigEndian.getLong(index);
    }

    public void putLongBigEndian(int index, long value) {
        if (UNSAFE) {
            long position = address + index;
            if (index >= 0 && position <= addressLimit - 8) {
                MemoryAccess.UNSAFE.putLong(position, NATIVE_IS_BIG_ENDIAN ? value : Long.reverseBytes(value));
                return;
            }
            throw accessFailure(index, 8, null);
        }
        if (freed) {
            throw accessFailure(index, 8, null);
        }
        bigEndian.putLong(index, value);
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
    // Bulk operations: the range is checked once; copies go through the buffers (the JDK's own
    // copy loops); compares, swaps and clears through raw addresses where those are used.
    // ------------------------------------------------------------------------------------------

    /*
     * The bulk copies of primitive arrays are little-endian: the byte order of the machines Weir runs
     * on (x86-64, AArch64), where the JDK copies them as plain memory. Big-endian, each copy swapped
     * every element's bytes (Copy::conjoint_swap, 7% of PageRank's CPU). The order is fixed rather
     * than native so that serialized records read the same on every machine.
     */

    /** Copies the {@code count} little-endian ints starting at {@code index} into {@code target[offset..]}. */
    public void getIntsLittleEndian(int index, int[] target, int offset, int count) {
        Objects.checkFromIndexSize(offset, count, target.length);
        littleEndian(index, count * 4).asIntBuffer().get(target, offset, count);
    }

    /** Writes {@code source[offset..offset+count)} as little-endian ints at {@code index}. */
    public void putIntsLittleEndian(int index, int[] source, int offset, int count) {
        Objects.checkFromIndexSize(offset, count, source.length);
        littleEndian(index, count * 4).asIntBuffer().put(source, offset, count);
    }

    /** Copies the {@code count} little-endian longs starting at {@code index} into {@code target[offset..]}. */
    public void getLongsLittleEndian(int index, long[] target, int offset, int count) {
        Objects.checkFromIndexSize(offset, count, target.length);
        littleEndian(index, count * 8).asLongBuffer().get(target, offset, count);
    }

    /** Writes {@code source[offset..offset+count)} as little-endian longs at {@code index}. */
    public void putLongsLittleEndian(int index, long[] source, int offset, int count) {
        Objects.checkFromIndexSize(offset, count, source.length);
        littleEndian(index, count * 8).asLongBuffer().put(source, offset, count);
    }

    /** Copies the {@code count} doubles (little-endian bits) at {@code index} into {@code target[offset..]}. */
    public void getDoublesLittleEndian(int index, double[] target, int offset, int count) {
        Objects.checkFromIndexSize(offset, count, target.length);
        littleEndian(index, count * 8).asDoubleBuffer().get(target, offset, count);
    }

    /** Writes the raw bits of {@code source[offset..offset+count)} as little-endian longs at {@code index}. */
    public void putDoublesLittleEndian(int index, double[] source, int offset, int count) {
        Objects.checkFromIndexSize(offset, count, source.length);
        littleEndian(index, count * 8).asDoubleBuffer().put(source, offset, count);
    }

    /** A little-endian view of {@code length} bytes at {@code index}, after checking the range. */
    private ByteBuffer littleEndian(int index, int length) {
        checkRange(index, length);
        // a slice is big-endian whatever its buffer's order
        return bigEndian.slice(index, length).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Copies {@code length} bytes starting at {@code index} into {@code target[offset..]}. */
    public void get(int index, byte[] target, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, target.length);
        checkRange(index, length);
        bigEndian.get(index, target, offset, length);
    }

    /** Copies {@code source[offset..offset+length)} into this segment at {@code index}. */
    public void put(int index, byte[] source, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, source.length);
        checkRange(index, length);
        bigEndian.put(index, source, offset, length);
    }

    /**
     * Copies {@code length} bytes from this segment at {@code offset} to {@code target} at {@code
     * targetOffset}. The ranges may overlap when both are this segment.
     */
    public void copyTo(int offset, MemorySegment target, int targetOffset, int length) {
        checkRange(offset, length);
        target.checkRange(targetOffset, length);
        target.bigEndian.put(targetOffset, bigEndian, offset, length);
    }

    /**
     * Compares {@code length} bytes of this segment at {@code offset} with {@code length} bytes of
     * {@code other} at {@code otherOffset}, as unsigned bytes in lexicographic order: the order in
     * which the sorter compares normalized keys. The loop is kept small (the tail of a length that is
     * not a multiple of eight is out of it) so that the sorter's loop can inline it.
     *
     * @return a negative number, zero or a positive number as this range is less than, equal to or
     *     greater than the other
     */
    public int compare(MemorySegment other, int offset, int otherOffset, int length) {
        checkRange(offset, length);
        other.checkRange(otherOffset, length);
        int words = length & ~7;
        if (UNSAFE) {
            long left = address + offset;
            long right = other.address + otherOffset;
            for (int i = 0; i < words; i += 8) {
                long a = MemoryAccess.UNSAFE.getLong(left + i);
                long b = MemoryAccess.UNSAFE.getLong(right + i);
                if (a != b) {
                    return NATIVE_IS_BIG_ENDIAN
                            ? Long.compareUnsigned(a, b)
                            : Long.compareUnsigned(Long.reverseBytes(a), Long.reverseBytes(b));
                }
            }
        } else {
            ByteBuffer left = bigEndian;
            ByteBuffer right = other.bigEndian;
            for (int i = 0; i < words; i += 8) {
                long a = left.getLong(offset + i);
                long b = right.getLong(otherOffset + i);
                if (a != b) {
                    return Long.compareUnsigned(a, b);
                }
            }
        }
        return words == length ? 0 : compareTail(other, offset + words, otherOffset + words, length - words);
    }

    private int compareTail(MemorySegment other, int offset, int otherOffset, int length) {
        for (int i = 0; i < length; i++) {
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
        checkRange(offset, length);
        other.checkRange(otherOffset, length);
        int i = 0;
        for (; i + 8 <= length; i += 8) {
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

    /** Whether {@code length} bytes here at {@code offset} equal {@code bytes[from..from+length)}. */
    public boolean equalTo(int offset, byte[] bytes, int from, int length) {
        Objects.checkFromIndexSize(from, length, bytes.length);
        checkRange(offset, length);
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            if (getLongBigEndian(offset + i) != (long) BIG_ENDIAN_LONGS.get(bytes, from + i)) {
                return false;
            }
        }
        for (; i < length; i++) {
            if (get(offset + i) != bytes[from + i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Exchanges {@code length} bytes of this segment at {@code offset} with those of {@code other} at
     * {@code otherOffset}. The ranges must not overlap. Ranges of whole words up to 64 bytes (sort
     * index entries) are swapped a word at a time in a loop small enough to be inlined; others go
     * through {@code scratch}, which must then hold at least {@code length} bytes.
     */
    public void swapBytes(byte[] scratch, MemorySegment other, int offset, int otherOffset, int length) {
        checkRange(offset, length);
        other.checkRange(otherOffset, length);
        if ((length & 7) != 0 || length > 64) {
            swapSlowly(scratch, other, offset, otherOffset, length);
            return;
        }
        if (UNSAFE) {
            long left = address + offset;
            long right = other.address + otherOffset;
            for (int i = 0; i < length; i += 8) {
                long a = MemoryAccess.UNSAFE.getLong(left + i);
                MemoryAccess.UNSAFE.putLong(left + i, MemoryAccess.UNSAFE.getLong(right + i));
                MemoryAccess.UNSAFE.putLong(right + i, a);
            }
        } else {
            ByteBuffer left = nativeOrder;
            ByteBuffer right = other.nativeOrder;
            for (int i = 0; i < length; i += 8) {
                long a = left.getLong(offset + i);
                left.putLong(offset + i, right.getLong(otherOffset + i));
                right.putLong(otherOffset + i, a);
            }
        }
    }

    private void swapSlowly(byte[] scratch, MemorySegment other, int offset, int otherOffset, int length) {
        get(offset, scratch, 0, length);
        other.copyTo(otherOffset, this, offset, length);
        other.put(otherOffset, scratch, 0, length);
    }

    /** Sets {@code length} bytes at {@code offset} to zero. */
    public void clear(int offset, int length) {
        checkRange(offset, length);
        if (UNSAFE) {
            MemoryAccess.UNSAFE.setMemory(address + offset, length, (byte) 0);
            return;
        }
        ByteBuffer view = nativeOrder;
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            view.putLong(offset + i, 0L);
        }
        for (; i < length; i++) {
            view.put(offset + i, (byte) 0);
        }
    }

    /**
     * A byte buffer over {@code [offset, offset + length)} of this segment, positioned at 0, for
     * channel I/O and checksums. It shares memory with the segment and must not outlive it.
     */
    public ByteBuffer wrap(int offset, int length) {
        checkRange(offset, length);
        return bigEndian.slice(offset, length);
    }

    /** Checks a range once before a bulk operation. */
    private void checkRange(int offset, int length) {
        if (freed || offset < 0 || length < 0 || offset > size - length) {
            throw accessFailure(offset, length, null);
        }
    }

    private RuntimeException accessFailure(int index, int length, IndexOutOfBoundsException cause) {
        if (freed) {
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
