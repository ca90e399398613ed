package io.weir.memory;

import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * How {@link MemorySegment} reaches off-heap memory in this JVM, decided once at class
 * initialization so that the JIT folds the choice away:
 *
 * <ul>
 *   <li><b>unsafe</b> — raw addresses through {@code sun.misc.Unsafe}, on JDKs before 24. Measured
 *       (benchmarks/RESULTS.md) 2 to 7 times faster than direct buffers on JDK 17 for random reads
 *       and swaps, the hash table's and the sorter's inner loops.
 *   <li><b>buffer</b> — the absolute accessors of direct {@code ByteBuffer}s, from JDK 24 on. Those
 *       JDKs warn on (and later JDKs refuse) {@code Unsafe}'s memory-access methods (JEP 471, JEP
 *       498), and there direct buffers are within about a quarter of {@code Unsafe}'s speed.
 * </ul>
 *
 * The system property {@code weir.memory.access} ({@code unsafe} or {@code buffer}) overrides the
 * choice, for tests and benchmarks; {@code unsafe} is ignored where {@code sun.misc.Unsafe} cannot be
 * obtained. Memory is always allocated as direct buffers, so the JVM's direct-memory limit applies
 * either way. In buffer mode {@code Unsafe}'s memory-access methods are never called, not even at
 * class initialization, so JDK 24 and newer print no warning.
 */
@SuppressWarnings({"removal", "deprecation", "sunapi"})
final class MemoryAccess {

    /** Whether segments use raw addresses (true) or direct-buffer views (false). */
    static final boolean UNSAFE_MODE;

    /** The Unsafe instance in unsafe mode; {@code null} in buffer mode. */
    static final sun.misc.Unsafe UNSAFE;

    private static final long ADDRESS_FIELD_OFFSET;

    static {
        String requested = System.getProperty("weir.memory.access", "").toLowerCase(Locale.ROOT);
        boolean wantUnsafe = switch (requested) {
            case "unsafe" -> true;
            case "buffer" -> false;
            default -> Runtime.version().feature() < 24;
        };
        sun.misc.Unsafe unsafe = null;
        long offset = -1;
        if (wantUnsafe) {
            try {
                Field field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
                field.setAccessible(true);
                unsafe = (sun.misc.Unsafe) field.get(null);
                offset = unsafe.objectFieldOffset(Buffer.class.getDeclaredField("address"));
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                unsafe = null;
            }
        }
        UNSAFE = unsafe;
        UNSAFE_MODE = unsafe != null;
        ADDRESS_FIELD_OFFSET = offset;
    }

    private MemoryAccess() {}

    /** The native address of a direct buffer's first byte (unsafe mode only). */
    static long addressOf(ByteBuffer directBuffer) {
        return UNSAFE.getLong(directBuffer, ADDRESS_FIELD_OFFSET);
    }

    /** "unsafe" or "buffer". */
    static String mode() {
        return UNSAFE_MODE ? "unsafe" : "buffer";
    }
}
