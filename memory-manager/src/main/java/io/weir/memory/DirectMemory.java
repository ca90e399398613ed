package io.weir.memory;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;

/**
 * What the JVM lets Weir allocate off-heap, and how to give it back early.
 *
 * <p>Direct buffers count against {@code -XX:MaxDirectMemorySize} (by default the maximum heap
 * size). Their memory is normally returned only when the garbage collector finds the buffer
 * unreachable; {@link #free} returns it at once through {@code sun.misc.Unsafe.invokeCleaner} —
 * but only where {@link MemoryAccess} uses {@code Unsafe} anyway (JDK 17 to 23 by default): JDK 25
 * warns that {@code invokeCleaner} will be removed too. Elsewhere the memory is left to the garbage
 * collector, which the JDK runs by itself before it fails a direct allocation. The memory manager
 * frees pages only at shutdown (it pools them while it lives), so this only decides how soon a
 * closed manager's memory returns.
 */
public final class DirectMemory {

    private static final MethodHandle INVOKE_CLEANER = MemoryAccess.UNSAFE_MODE ? findInvokeCleaner() : null;

    private DirectMemory() {}

    /** The JVM's limit for direct buffers in bytes ({@code -XX:MaxDirectMemorySize}). */
    public static long maxDirectMemory() {
        try {
            com.sun.management.HotSpotDiagnosticMXBean bean =
                    ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            if (bean != null) {
                long configured =
                        Long.parseLong(bean.getVMOption("MaxDirectMemorySize").getValue());
                if (configured > 0) {
                    return configured;
                }
            }
        } catch (RuntimeException | LinkageError e) {
            // not a HotSpot JVM: fall through to the JDK's documented default
        }
        return Runtime.getRuntime().maxMemory();
    }

    /** Returns the memory of a direct buffer to the system now. The buffer must not be used again. */
    static void free(ByteBuffer buffer) {
        if (!MemoryAccess.UNSAFE_MODE || INVOKE_CLEANER == null || !buffer.isDirect()) {
            return;
        }
        try {
            INVOKE_CLEANER.invoke(buffer);
        } catch (Throwable e) {
            // The buffer is a slice or duplicate, or the JDK refused: the collector frees it later.
        }
    }

    private static MethodHandle findInvokeCleaner() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field field = unsafeClass.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            Object unsafe = field.get(null);
            return MethodHandles.lookup()
                    .findVirtual(unsafeClass, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
                    .bindTo(unsafe);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
