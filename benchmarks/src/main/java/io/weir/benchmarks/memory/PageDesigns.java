package io.weir.benchmarks.memory;

import io.weir.memory.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The page-access designs compared by {@link MemorySegmentAccessBenchmark}: Weir's {@link
 * MemorySegment} as built, and the alternatives it was chosen over. Benchmark-only code.
 */
final class PageDesigns {

    private PageDesigns() {}

    static PageAccess create(String design, int size) {
        return switch (design) {
            case "weir" -> new Weir(size);
            case "rawBuffer" -> new RawBuffer(size);
            case "bufferTryCatch" -> new BufferTryCatch(size);
            case "bufferFlag" -> new BufferFlag(size);
            case "unsafe" -> new UnsafePage(size);
            case "heap" -> new Heap(size);
            default -> throw new IllegalArgumentException(design);
        };
    }

    /** Weir's segment: direct buffer views, a freed check per single access, one check per bulk call. */
    static final class Weir implements PageAccess {
        final MemorySegment segment;
        private final byte[] scratch = new byte[64];

        Weir(int size) {
            segment = MemorySegment.allocateUnpooled(size);
        }

        public long getLong(int index) {
            return segment.getLong(index);
        }

        public long getLongBigEndian(int index) {
            return segment.getLongBigEndian(index);
        }

        public void putLongBigEndian(int index, long value) {
            segment.putLongBigEndian(index, value);
        }

        public int compare(PageAccess other, int offset, int otherOffset, int length) {
            return segment.compare(((Weir) other).segment, offset, otherOffset, length);
        }

        public void swap(PageAccess other, int offset, int otherOffset, int length) {
            segment.swapBytes(scratch, ((Weir) other).segment, offset, otherOffset, length);
        }

        public void free() {}
    }

    /** The bare direct buffer: what any wrapper around it costs is the difference. */
    static final class RawBuffer implements PageAccess {
        final ByteBuffer big;
        final ByteBuffer nat;

        RawBuffer(int size) {
            ByteBuffer memory = ByteBuffer.allocateDirect(size);
            big = memory.duplicate().order(ByteOrder.BIG_ENDIAN);
            nat = memory.duplicate().order(ByteOrder.nativeOrder());
        }

        public long getLong(int index) {
            return nat.getLong(index);
        }

        public long getLongBigEndian(int index) {
            return big.getLong(index);
        }

        public void putLongBigEndian(int index, long value) {
            big.putLong(index, value);
        }

        public int compare(PageAccess other, int offset, int otherOffset, int length) {
            ByteBuffer right = ((RawBuffer) other).big;
            for (int i = 0; i < length; i += 8) {
                long a = big.getLong(offset + i);
                long b = right.getLong(otherOffset + i);
                if (a != b) {
                    return Long.compareUnsigned(a, b);
                }
            }
            return 0;
        }

        public void swap(PageAccess other, int offset, int otherOffset, int length) {
            ByteBuffer right = ((RawBuffer) other).nat;
            for (int i = 0; i < length; i += 8) {
                long a = nat.getLong(offset + i);
                nat.putLong(offset + i, right.getLong(otherOffset + i));
                right.putLong(otherOffset + i, a);
            }
        }

        public void free() {}
    }

    /** Direct buffers, every access in a try/catch that explains the failure (Weir's first design). */
    static final class BufferTryCatch implements PageAccess {
        final ByteBuffer big;
        final ByteBuffer nat;

        BufferTryCatch(int size) {
            ByteBuffer memory = ByteBuffer.allocateDirect(size);
            big = memory.duplicate().order(ByteOrder.BIG_ENDIAN);
            nat = memory.duplicate().order(ByteOrder.nativeOrder());
        }

        public long getLong(int index) {
            try {
                return nat.getLong(index);
            } catch (IndexOutOfBoundsException e) {
                throw new IllegalStateException("explained: " + index, e);
            }
        }

        void putLong(int index, long value) {
            try {
                nat.putLong(index, value);
            } catch (IndexOutOfBoundsException e) {
                throw new IllegalStateException("explained: " + index, e);
            }
        }

        public long getLongBigEndian(int index) {
            try {
                return big.getLong(index);
            } catch (IndexOutOfBoundsException e) {
                throw new IllegalStateException("explained: " + index, e);
            }
        }

        public void putLongBigEndian(int index, long value) {
            try {
                big.putLong(index, value);
            } catch (IndexOutOfBoundsException e) {
                throw new IllegalStateException("explained: " + index, e);
            }
        }

        public int compare(PageAccess other, int offset, int otherOffset, int length) {
            for (int i = 0; i < length; i += 8) {
                long a = getLongBigEndian(offset + i);
                long b = other.getLongBigEndian(otherOffset + i);
                if (a != b) {
                    return Long.compareUnsigned(a, b);
                }
            }
            return 0;
        }

        public void swap(PageAccess other, int offset, int otherOffset, int length) {
            BufferTryCatch right = (BufferTryCatch) other;
            for (int i = 0; i < length; i += 8) {
                long a = getLong(offset + i);
                putLong(offset + i, right.getLong(otherOffset + i));
                right.putLong(otherOffset + i, a);
            }
        }

        public void free() {}
    }

    /** Direct buffers, every access first checking a "freed" flag. */
    static final class BufferFlag implements PageAccess {
        final ByteBuffer big;
        final ByteBuffer nat;
        boolean freed;

        BufferFlag(int size) {
            ByteBuffer memory = ByteBuffer.allocateDirect(size);
            big = memory.duplicate().order(ByteOrder.BIG_ENDIAN);
            nat = memory.duplicate().order(ByteOrder.nativeOrder());
        }

        public long getLong(int index) {
            if (freed) {
                throw new IllegalStateException("freed");
            }
            return nat.getLong(index);
        }

        void putLong(int index, long value) {
            if (freed) {
                throw new IllegalStateException("freed");
            }
            nat.putLong(index, value);
        }

        public long getLongBigEndian(int index) {
            if (freed) {
                throw new IllegalStateException("freed");
            }
            return big.getLong(index);
        }

        public void putLongBigEndian(int index, long value) {
            if (freed) {
                throw new IllegalStateException("freed");
            }
            big.putLong(index, value);
        }

        public int compare(PageAccess other, int offset, int otherOffset, int length) {
            for (int i = 0; i < length; i += 8) {
                long a = getLongBigEndian(offset + i);
                long b = other.getLongBigEndian(otherOffset + i);
                if (a != b) {
                    return Long.compareUnsigned(a, b);
                }
            }
            return 0;
        }

        public void swap(PageAccess other, int offset, int otherOffset, int length) {
            BufferFlag right = (BufferFlag) other;
            for (int i = 0; i < length; i += 8) {
                long a = getLong(offset + i);
                putLong(offset + i, right.getLong(otherOffset + i));
                right.putLong(otherOffset + i, a);
            }
        }

        public void free() {}
    }

    /** Raw addresses through sun.misc.Unsafe with explicit bounds checks (Flink's design). */
    @SuppressWarnings({"removal", "deprecation"})
    static final class UnsafePage implements PageAccess {
        private static final sun.misc.Unsafe UNSAFE = unsafe();
        private static final boolean LITTLE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
        private final long address;
        private final int size;

        UnsafePage(int size) {
            this.size = size;
            this.address = UNSAFE.allocateMemory(size);
            UNSAFE.setMemory(address, size, (byte) 0);
        }

        public long getLong(int index) {
            if (index < 0 || index > size - 8) {
                throw new IndexOutOfBoundsException(index);
            }
            return UNSAFE.getLong(address + index);
        }

        void putLong(int index, long value) {
            if (index < 0 || index > size - 8) {
                throw new IndexOutOfBoundsException(index);
            }
            UNSAFE.putLong(address + index, value);
        }

        public long getLongBigEndian(int index) {
            long value = getLong(index);
            return LITTLE ? Long.reverseBytes(value) : value;
        }

        public void putLongBigEndian(int index, long value) {
            putLong(index, LITTLE ? Long.reverseBytes(value) : value);
        }

        public int compare(PageAccess other, int offset, int otherOffset, int length) {
            for (int i = 0; i < length; i += 8) {
                long a = getLongBigEndian(offset + i);
                long b = other.getLongBigEndian(otherOffset + i);
                if (a != b) {
                    return Long.compareUnsigned(a, b);
                }
            }
            return 0;
        }

        public void swap(PageAccess other, int offset, int otherOffset, int length) {
            UnsafePage right = (UnsafePage) other;
            for (int i = 0; i < length; i += 8) {
                long a = getLong(offset + i);
                putLong(offset + i, right.getLong(otherOffset + i));
                right.putLong(otherOffset + i, a);
            }
        }

        public void free() {
            UNSAFE.freeMemory(address);
        }

        private static sun.misc.Unsafe unsafe() {
            try {
                Field field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
                field.setAccessible(true);
                return (sun.misc.Unsafe) field.get(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A heap byte[] with VarHandles: what on-heap pages would cost. */
    static final class Heap implements PageAccess {
        private static final VarHandle BIG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
        private static final VarHandle NATIVE =
                MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
        final byte[] page;

        Heap(int size) {
            page = new byte[size];
        }

        public long getLong(int index) {
            return (long) NATIVE.get(page, index);
        }

        public long getLongBigEndian(int index) {
            return (long) BIG.get(page, index);
        }

        public void putLongBigEndian(int index, long value) {
            BIG.set(page, index, value);
        }

        public int compare(PageAccess other, int offset, int otherOffset, int length) {
            byte[] right = ((Heap) other).page;
            for (int i = 0; i < length; i += 8) {
                long a = (long) BIG.get(page, offset + i);
                long b = (long) BIG.get(right, otherOffset + i);
                if (a != b) {
                    return Long.compareUnsigned(a, b);
                }
            }
            return 0;
        }

        public void swap(PageAccess other, int offset, int otherOffset, int length) {
            byte[] right = ((Heap) other).page;
            for (int i = 0; i < length; i += 8) {
                long a = (long) NATIVE.get(page, offset + i);
                NATIVE.set(page, offset + i, (long) NATIVE.get(right, otherOffset + i));
                NATIVE.set(right, otherOffset + i, a);
            }
        }

        public void free() {}
    }
}
