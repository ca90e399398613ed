package io.weir.runtime.operators;

import io.weir.memory.MemoryManager;
import io.weir.memory.io.IOManager;
import java.util.List;
import java.util.Objects;

/**
 * What a memory-bounded operator borrows from its task: a budget of managed-memory pages, spill
 * files, a name for messages, and metrics.
 *
 * <p>The resources object is the <em>owner</em> of the operator's pages and spill files in the
 * {@link MemoryManager} and {@link IOManager}: {@link #close()} gives back everything the operator
 * still holds, whatever state it is in — files first (their I/O may still hold pages), then pages.
 * Its {@code toString} is how the operator is named in every message.
 */
public final class OperatorResources implements AutoCloseable {

    private final MemoryManager memoryManager;
    private final IOManager ioManager;
    private final String name;
    private final int pages;
    private final OperatorMetrics metrics;
    private final OperatorResources parent;
    private final java.util.List<OperatorResources> children = new java.util.ArrayList<>();
    private volatile boolean cancelled;

    /**
     * @param name how messages name the operator, e.g. "sorter of 'reduce at WordCount.java:12' (2/4)"
     * @param pages the operator's budget of managed-memory pages
     */
    public OperatorResources(MemoryManager memoryManager, IOManager ioManager, String name, int pages) {
        this(memoryManager, ioManager, name, pages, null);
    }

    private OperatorResources(
            MemoryManager memoryManager, IOManager ioManager, String name, int pages, OperatorResources parent) {
        this.parent = parent;
        this.metrics = parent == null ? new OperatorMetrics() : new OperatorMetrics(parent.metrics);
        this.memoryManager = Objects.requireNonNull(memoryManager, "memoryManager is null");
        this.ioManager = Objects.requireNonNull(ioManager, "ioManager is null");
        this.name = Objects.requireNonNull(name, "name is null");
        if (pages <= 0) {
            throw new IllegalArgumentException(name + " needs a positive number of memory pages, not " + pages);
        }
        this.pages = pages;
    }

    public MemoryManager memoryManager() {
        return memoryManager;
    }

    public IOManager ioManager() {
        return ioManager;
    }

    public String name() {
        return name;
    }

    /** The operator's budget in pages. */
    public int pages() {
        return pages;
    }

    public int pageSize() {
        return memoryManager.pageSize();
    }

    public OperatorMetrics metrics() {
        return metrics;
    }

    /**
     * The operator's budget, of which the first {@code minimum} pages are taken from the memory
     * manager now and the rest when the operator needs them; owned by this object.
     *
     * @throws OperatorException if the budget is less than {@code minimum} pages
     */
    public PageBudget budget(int minimum) {
        requirePages(minimum);
        PageBudget budget = new PageBudget(this, pages, minimum);
        metrics.observePages(minimum);
        return budget;
    }

    /**
     * Resources for a part of the operator (a buffer, a partition) with {@code pages} of this
     * budget: its own owner of pages and files and its own record counts, reporting its spills to
     * this one's metrics, cancelled and closed with this one.
     */
    public OperatorResources split(String part, int pages) {
        OperatorResources child =
                new OperatorResources(memoryManager, ioManager, name + " (" + part + ")", pages, this);
        synchronized (children) {
            children.add(child);
        }
        return child;
    }

    /** Fails unless the budget has at least {@code minimum} pages. */
    public void requirePages(int minimum) {
        if (pages < minimum) {
            throw new OperatorException(
                    name + " needs at least " + minimum + " pages of managed memory ("
                            + MemoryManager.describeBytes((long) minimum * pageSize()) + ") but was given " + pages
                            + ". Raise taskmanager.memory.managed.size or give this operator a larger share.",
                    null);
        }
    }

    /** Asks the operator to stop; it checks between records and fails with a cancellation error. */
    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled
                || (parent != null && parent.isCancelled())
                || Thread.currentThread().isInterrupted();
    }

    /** Throws if the operator was cancelled or its thread interrupted. */
    public void checkCancelled() {
        if (isCancelled()) {
            throw new OperatorException(name + " was cancelled", new java.util.concurrent.CancellationException());
        }
    }

    /** Wraps a failure so that it names the operator, unless it already does. */
    public RuntimeException failure(String what, Throwable cause) {
        if (cause instanceof OperatorException operatorException) {
            return operatorException;
        }
        return new OperatorException(name + " failed " + what + ": " + cause, cause);
    }

    /** Deletes the operator's spill files and frees its pages: the clean-up on every exit. */
    @Override
    public void close() {
        List<OperatorResources> parts;
        synchronized (children) {
            parts = new java.util.ArrayList<>(children);
            children.clear();
        }
        for (OperatorResources part : parts) {
            part.close();
        }
        ioManager.releaseAll(this);
        memoryManager.releaseAll(this);
    }

    @Override
    public String toString() {
        return name;
    }
}
