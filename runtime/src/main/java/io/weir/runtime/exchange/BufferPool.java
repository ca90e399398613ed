package io.weir.runtime.exchange;

import io.weir.memory.MemoryManager;
import io.weir.memory.MemorySegment;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The fixed set of managed-memory pages one producer writes its output into. A writer that finds no
 * free page waits until a consumer recycles one: this is how a slow consumer slows its producers
 * (backpressure) without any data piling up on the heap.
 *
 * <p>The pages are taken from the memory manager only when first requested: a blocking exchange's
 * pool is large (it holds the producer's output until the consumer reads it), and taking — and so
 * zeroing — all of it when the job starts cost a job over little data most of its time. {@link
 * #available()} counts the pages not taken yet as free: the job's memory plan has set them aside.
 *
 * <p>After {@link #destroy()}, free pages go back to the memory manager at once and pages still out
 * in buffers go back as they are recycled.
 */
public final class BufferPool {

    private final MemoryManager memoryManager;
    private final String name;
    private final int capacity;
    private final BooleanSupplier cancelled;
    private final ArrayDeque<MemorySegment> free = new ArrayDeque<>();
    /** Pages taken from the memory manager so far (free or out in buffers), at most {@code capacity}. */
    private int taken;

    private boolean destroyed;

    /**
     * @param name how messages name the pool's owner, e.g. "output of 'tokenize' (1/4)"
     * @param cancelled polled while waiting for a page
     */
    public BufferPool(MemoryManager memoryManager, String name, int capacity, BooleanSupplier cancelled) {
        this.memoryManager = Objects.requireNonNull(memoryManager, "memoryManager is null");
        this.name = Objects.requireNonNull(name, "name is null");
        this.cancelled = Objects.requireNonNull(cancelled, "cancelled is null");
        if (capacity < 1) {
            throw new IllegalArgumentException(name + ": a buffer pool needs at least one page, not " + capacity);
        }
        this.capacity = capacity;
    }

    public int capacity() {
        return capacity;
    }

    /** The number of free pages now, counting the pages of the capacity not taken yet. */
    public synchronized int available() {
        return free.size() + (capacity - taken);
    }

    /** A free page, waiting for one if there is none. */
    public synchronized MemorySegment request() throws InterruptedIOException {
        while (free.isEmpty()) {
            if (destroyed) {
                throw new IllegalStateException(name + ": the buffer pool was destroyed");
            }
            if (taken < capacity) {
                MemorySegment page = memoryManager.allocatePage(this);
                taken++;
                return page;
            }
            if (cancelled.getAsBoolean()) {
                throw new InterruptedIOException(name + ": cancelled while waiting for a buffer");
            }
            try {
                wait(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException(name + ": interrupted while waiting for a buffer");
            }
        }
        return free.poll();
    }

    /** Takes back a page. */
    public synchronized void recycle(MemorySegment segment) {
        if (destroyed) {
            memoryManager.release(segment);
        } else {
            free.add(segment);
            notifyAll();
        }
    }

    /** Releases the free pages now and every other page when it is recycled. */
    public synchronized void destroy() {
        destroyed = true;
        memoryManager.release(free);
        free.clear();
        notifyAll();
    }

    /** Releases every page of the pool, recycled or not; for after all tasks have stopped. */
    public synchronized void releaseAll() {
        destroy();
        memoryManager.releaseAll(this);
    }

    @Override
    public String toString() {
        return "buffer pool of " + name;
    }
}
