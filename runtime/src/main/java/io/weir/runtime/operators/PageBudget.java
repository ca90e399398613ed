package io.weir.runtime.operators;

import io.weir.memory.MemorySegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The pages an operator may hold, taken from the memory manager only when the operator first needs
 * them: a sort or hash table over little data touches little memory, however large its budget. Pages
 * given back stay here for reuse; {@link OperatorResources#close()} returns them all.
 *
 * <p>{@link #available()} counts free pages and the pages of the budget not taken yet alike, so an
 * operator plans with its whole budget as if it held it. Thread-safe (a sorter fills and spills on
 * two threads); the calls are per page, not per record.
 */
public final class PageBudget {

    private final OperatorResources owner;
    private final ArrayDeque<MemorySegment> free = new ArrayDeque<>();
    private int limit;
    private int taken;

    PageBudget(OperatorResources owner, int limit, int eager) {
        this.owner = owner;
        this.limit = limit;
        if (eager > 0) {
            free.addAll(owner.memoryManager().allocatePages(owner, eager));
            taken = eager;
        }
    }

    /** A free page, or {@code null} when the whole budget is in use. */
    public synchronized MemorySegment poll() {
        MemorySegment page = free.poll();
        if (page == null && taken < limit) {
            List<MemorySegment> allocated = new ArrayList<>(1);
            if (owner.memoryManager().tryAllocatePages(owner, allocated, 1)) {
                taken++;
                page = allocated.get(0);
                owner.metrics().observePages(taken);
            }
        }
        return page;
    }

    /**
     * {@code count} free pages.
     *
     * @throws IllegalStateException if fewer are available: the caller checks {@link #available()}
     */
    public synchronized List<MemorySegment> take(int count) {
        if (available() < count) {
            throw new IllegalStateException(
                    owner + " asked for " + count + " pages but only " + available() + " are available");
        }
        List<MemorySegment> pages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            MemorySegment page = poll();
            if (page == null) {
                addAll(pages);
                throw new IllegalStateException(owner + " could not take " + count
                        + " pages of its budget from the memory manager: another owner holds more than its share");
            }
            pages.add(page);
        }
        return pages;
    }

    /** Gives a page back for reuse. */
    public synchronized void add(MemorySegment page) {
        free.add(page);
    }

    /** Gives pages back for reuse. */
    public synchronized void addAll(Collection<MemorySegment> pages) {
        free.addAll(pages);
    }

    /** Free pages plus pages of the budget not taken yet. */
    public synchronized int available() {
        return free.size() + (limit - taken);
    }

    public synchronized boolean isEmpty() {
        return available() == 0;
    }

    /** The pages the budget allows. */
    public synchronized int total() {
        return limit;
    }

    /** Pages taken and not free: what the operator uses now. */
    public synchronized int inUse() {
        return taken - free.size();
    }

    /**
     * Returns every free page to the memory manager and stops this budget from taking more, so that
     * another owner may use them; {@link #restore} undoes it.
     *
     * @return the number of pages lent, {@link #available()} before the call
     */
    public synchronized int lend() {
        int lent = available();
        taken -= free.size();
        owner.memoryManager().release(free);
        limit = taken;
        return lent;
    }

    /** Takes back {@code pages} lent with {@link #lend()}; they are taken again when needed. */
    public synchronized void restore(int pages) {
        limit += pages;
    }
}
