package io.weir.memory;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The budget of off-heap memory of one process, handed out in fixed-size pages ({@link
 * MemorySegment}s) to named owners.
 *
 * <h2>What is tracked</h2>
 *
 * Every page belongs to exactly one owner from allocation until release. An owner is any object
 * whose {@code toString()} names it for a person reading an error (for example "sorter of
 * 'reduce at WordCount.java:42' (2/4)"); owners are compared by identity. The manager knows, at any
 * moment, how many pages each owner holds, so that
 *
 * <ul>
 *   <li>running out of budget is a {@link MemoryAllocationException} naming the owner, the request
 *       and the budget, never a JVM {@code OutOfMemoryError};
 *   <li>an owner that failed or was cancelled gives everything back with one {@link
 *       #releaseAll(Object)};
 *   <li>{@link #verifyEmpty()} and {@link #close()} report leaks: which owner, how many pages.
 * </ul>
 *
 * Memory not taken as pages (Java heap, thread stacks, Netty's own buffers) is not tracked here.
 *
 * <h2>Allocation</h2>
 *
 * Pages are allocated lazily, as direct buffers of {@code pageSize} bytes, the first time the
 * budget is used that far; a released page's memory goes to a pool and is handed out again, wrapped
 * in a new {@link MemorySegment} object so that the old object fails on use. The pool is freed on
 * {@link #close()}. A budget larger than the JVM's direct-memory limit cannot be met, so {@link
 * #defaultBudget()} stays below it; if the JVM refuses a page anyway (other code used direct memory
 * too), the request fails with a {@link MemoryAllocationException} that names {@code
 * -XX:MaxDirectMemorySize}.
 *
 * <p>All methods are thread-safe. They are called per page batch, not per record, so one lock
 * suffices.
 */
public final class MemoryManager implements AutoCloseable {

    public static final int DEFAULT_PAGE_SIZE = 32 * 1024;
    public static final int MIN_PAGE_SIZE = 4 * 1024;
    public static final int MAX_PAGE_SIZE = 16 * 1024 * 1024;

    /** The share of the JVM's direct-memory limit that {@link #defaultBudget()} takes. */
    public static final double DEFAULT_DIRECT_MEMORY_FRACTION = 0.7;

    private final long budgetBytes;
    private final int pageSize;
    private final int totalPages;

    /** Memory of released pages, ready to be handed out again. */
    private final ArrayDeque<ByteBuffer> pool = new ArrayDeque<>();

    /** The pages each owner holds, by owner identity. */
    private final Map<Object, Set<MemorySegment>> pagesByOwner = new IdentityHashMap<>();

    private int pagesInUse;
    private boolean closed;

    private MemoryManager(long budgetBytes, int pageSize) {
        if (pageSize < MIN_PAGE_SIZE || pageSize > MAX_PAGE_SIZE || Integer.bitCount(pageSize) != 1) {
            throw new IllegalArgumentException("page size must be a power of two between " + MIN_PAGE_SIZE + " and "
                    + MAX_PAGE_SIZE + " bytes, not " + pageSize);
        }
        if (budgetBytes < pageSize) {
            throw new IllegalArgumentException("managed memory budget of " + budgetBytes
                    + " bytes is smaller than one page of " + pageSize + " bytes");
        }
        long pages = budgetBytes / pageSize;
        if (pages > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("managed memory budget of " + budgetBytes + " bytes has more than "
                    + Integer.MAX_VALUE + " pages; use a larger page size");
        }
        this.pageSize = pageSize;
        this.totalPages = (int) pages;
        this.budgetBytes = pages * pageSize;
    }

    /**
     * A memory manager with a budget of {@code budgetBytes} (rounded down to whole pages) in pages of
     * {@code pageSize} bytes.
     */
    public static MemoryManager create(long budgetBytes, int pageSize) {
        return new MemoryManager(budgetBytes, pageSize);
    }

    /** A memory manager with the {@link #defaultBudget()} in pages of {@link #DEFAULT_PAGE_SIZE}. */
    public static MemoryManager createDefault() {
        return new MemoryManager(defaultBudget(), DEFAULT_PAGE_SIZE);
    }

    /**
     * The budget used when none is configured: {@value #DEFAULT_DIRECT_MEMORY_FRACTION} of the JVM's
     * direct-memory limit, leaving the rest for network buffers and libraries.
     */
    public static long defaultBudget() {
        return (long) (DirectMemory.maxDirectMemory() * DEFAULT_DIRECT_MEMORY_FRACTION);
    }

    public int pageSize() {
        return pageSize;
    }

    /** The budget in bytes, a whole number of pages. */
    public long budgetBytes() {
        return budgetBytes;
    }

    public int totalPages() {
        return totalPages;
    }

    public synchronized int availablePages() {
        return totalPages - pagesInUse;
    }

    public synchronized int pagesInUse() {
        return pagesInUse;
    }

    /** The number of pages that {@code owner} holds now. */
    public synchronized int pagesHeldBy(Object owner) {
        Set<MemorySegment> pages = pagesByOwner.get(owner);
        return pages == null ? 0 : pages.size();
    }

    /** The number of pages that make up {@code fraction} of the budget, at least one. */
    public int pagesForFraction(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("memory fraction must be in (0, 1], not " + fraction);
        }
        return Math.max(1, (int) (totalPages * fraction));
    }

    /** Allocates one page for {@code owner}. */
    public MemorySegment allocatePage(Object owner) {
        List<MemorySegment> pages = new ArrayList<>(1);
        allocatePages(owner, pages, 1);
        return pages.get(0);
    }

    /** Allocates {@code count} pages for {@code owner}. */
    public List<MemorySegment> allocatePages(Object owner, int count) {
        List<MemorySegment> pages = new ArrayList<>(count);
        allocatePages(owner, pages, count);
        return pages;
    }

    /**
     * Allocates {@code count} pages for {@code owner} and adds them to {@code target}: all of them,
     * or none.
     *
     * @throws MemoryAllocationException if fewer than {@code count} pages are free
     */
    public void allocatePages(Object owner, Collection<MemorySegment> target, int count) {
        synchronized (this) {
            if (count <= availablePages()) {
                allocateInternal(owner, target, count);
                return;
            }
        }
        throw new MemoryAllocationException(describeShortage(owner, count));
    }

    /**
     * Allocates {@code count} pages for {@code owner} if that many are free, without waiting or
     * throwing.
     *
     * @return whether the pages were allocated (and added to {@code target})
     */
    public synchronized boolean tryAllocatePages(Object owner, Collection<MemorySegment> target, int count) {
        if (count > availablePages()) {
            return false;
        }
        allocateInternal(owner, target, count);
        return true;
    }

    private void allocateInternal(Object owner, Collection<MemorySegment> target, int count) {
        Objects.requireNonNull(owner, "owner is null");
        if (count < 0) {
            throw new IllegalArgumentException("cannot allocate a negative number of pages: " + count);
        }
        if (closed) {
            throw new IllegalStateException("memory manager is closed; " + owner + " cannot allocate pages");
        }
        Set<MemorySegment> owned =
                pagesByOwner.computeIfAbsent(owner, o -> Collections.newSetFromMap(new IdentityHashMap<>()));
        List<MemorySegment> allocated = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                ByteBuffer memory = pool.pollLast();
                if (memory == null) {
                    memory = allocateDirect(owner, count);
                }
                MemorySegment page = new MemorySegment(memory, owner);
                owned.add(page);
                allocated.add(page);
                pagesInUse++;
            }
        } catch (MemoryAllocationException e) {
            for (MemorySegment page : allocated) {
                releaseInternal(page);
            }
            throw e;
        }
        target.addAll(allocated);
    }

    private ByteBuffer allocateDirect(Object owner, int count) {
        try {
            return ByteBuffer.allocateDirect(pageSize);
        } catch (OutOfMemoryError e) {
            throw new MemoryAllocationException(
                    owner + " asked for " + count + " pages of managed memory, but the JVM has no direct memory "
                            + "left for them (" + pagesInUse + " pages are in use, budget " + describeBudget() + "). "
                            + "Raise -XX:MaxDirectMemorySize or lower the managed memory budget.",
                    e);
        }
    }

    /** Releases one page. The segment object fails on any later use. */
    public synchronized void release(MemorySegment page) {
        releaseInternal(page);
    }

    /** Releases every page in {@code pages} and clears the collection when it can be cleared. */
    public synchronized void release(Collection<MemorySegment> pages) {
        for (MemorySegment page : pages) {
            releaseInternal(page);
        }
        try {
            pages.clear();
        } catch (UnsupportedOperationException e) {
            // an immutable list of pages: the segments themselves are freed, which is what counts
        }
    }

    private void releaseInternal(MemorySegment page) {
        Object owner = page.owner();
        Set<MemorySegment> owned = owner == null ? null : pagesByOwner.get(owner);
        if (owned == null || !owned.remove(page)) {
            if (page.isFreed()) {
                throw new IllegalStateException("memory segment of " + owner + " was already released");
            }
            throw new IllegalArgumentException(
                    "memory segment of " + owner + " does not come from this memory manager");
        }
        if (owned.isEmpty()) {
            pagesByOwner.remove(owner);
        }
        pagesInUse--;
        ByteBuffer memory = page.free();
        if (closed) {
            DirectMemory.free(memory);
        } else {
            pool.addLast(memory);
        }
    }

    /**
     * Releases every page that {@code owner} still holds: the clean-up of an owner that finished,
     * failed or was cancelled.
     *
     * @return the number of pages released
     */
    public synchronized int releaseAll(Object owner) {
        Set<MemorySegment> owned = pagesByOwner.get(owner);
        if (owned == null) {
            return 0;
        }
        List<MemorySegment> pages = new ArrayList<>(owned);
        for (MemorySegment page : pages) {
            releaseInternal(page);
        }
        return pages.size();
    }

    /** The owners that hold pages now, with the number of pages each holds. */
    public synchronized List<OwnerPages> owners() {
        List<OwnerPages> result = new ArrayList<>(pagesByOwner.size());
        for (Map.Entry<Object, Set<MemorySegment>> entry : pagesByOwner.entrySet()) {
            result.add(new OwnerPages(entry.getKey(), entry.getValue().size()));
        }
        return result;
    }

    /**
     * Checks that no owner holds pages.
     *
     * @throws IllegalStateException naming every owner that still holds pages, and how many
     */
    public synchronized void verifyEmpty() {
        if (!pagesByOwner.isEmpty()) {
            throw new IllegalStateException(describeLeaks());
        }
    }

    /**
     * Frees all memory. Pages that owners still hold are freed too (their segments fail on later
     * use) and reported.
     *
     * @return the leaks found: owners that still held pages, empty if there were none
     */
    public synchronized List<OwnerPages> shutdown() {
        if (closed) {
            return List.of();
        }
        List<OwnerPages> leaks = owners();
        closed = true;
        for (OwnerPages leak : leaks) {
            releaseAll(leak.owner());
        }
        while (!pool.isEmpty()) {
            DirectMemory.free(pool.pollLast());
        }
        return leaks;
    }

    /**
     * Frees all memory, like {@link #shutdown()}, and logs any leak as a warning. Code that must fail
     * on a leak (tests, the end of a job) calls {@link #verifyEmpty()} first.
     */
    @Override
    public void close() {
        List<OwnerPages> leaks = shutdown();
        if (!leaks.isEmpty()) {
            System.getLogger(MemoryManager.class.getName())
                    .log(System.Logger.Level.WARNING, describeLeaks(leaks) + " They were freed at shutdown.");
        }
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    private String describeShortage(Object owner, int count) {
        synchronized (this) {
            StringBuilder message = new StringBuilder()
                    .append(owner)
                    .append(" asked for ")
                    .append(count)
                    .append(" pages of managed memory (")
                    .append(describeBytes((long) count * pageSize))
                    .append("), but only ")
                    .append(availablePages())
                    .append(" of ")
                    .append(totalPages)
                    .append(" pages are free (budget ")
                    .append(describeBudget())
                    .append(").");
            if (!pagesByOwner.isEmpty()) {
                message.append(" Held now by: ")
                        .append(describeOwners(owners()))
                        .append('.');
            }
            message.append(" Raise the managed memory budget (taskmanager.memory.managed.size) or lower the"
                    + " parallelism per process.");
            return message.toString();
        }
    }

    private String describeLeaks() {
        return describeLeaks(owners());
    }

    private String describeLeaks(List<OwnerPages> leaks) {
        int pages = leaks.stream().mapToInt(OwnerPages::pages).sum();
        return "managed memory leak: " + pages + " pages (" + describeBytes((long) pages * pageSize)
                + ") not released by " + describeOwners(leaks) + ".";
    }

    private String describeBudget() {
        return describeBytes(budgetBytes) + " in pages of " + describeBytes(pageSize);
    }

    private static String describeOwners(List<OwnerPages> owners) {
        StringBuilder result = new StringBuilder();
        for (OwnerPages owner : owners) {
            if (result.length() > 0) {
                result.append(", ");
            }
            result.append(owner.owner()).append(" (").append(owner.pages()).append(" pages)");
        }
        return result.toString();
    }

    /** A human-readable byte count: "32 KiB", "1.5 GiB". */
    public static String describeBytes(long bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        if (unit == 0) {
            return bytes + " bytes";
        }
        return value == Math.rint(value)
                ? (long) value + " " + units[unit]
                : String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** An owner and the number of pages it holds. */
    public record OwnerPages(Object owner, int pages) {}

    @Override
    public String toString() {
        return "MemoryManager[budget " + describeBudget() + ", " + pagesInUse() + " pages in use]";
    }
}
