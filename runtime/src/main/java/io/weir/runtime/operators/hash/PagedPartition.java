package io.weir.runtime.operators.hash;

import io.weir.memory.MemorySegment;
import io.weir.memory.view.ByteArrayOutputView;
import io.weir.memory.view.RandomAccessInputView;
import io.weir.memory.view.RandomAccessOutputView;
import io.weir.runtime.operators.PageBudget;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The pages of one partition of a hash table of this package, taken from and given back to the
 * table's page budget: a slot table ({@link Slots}) and record pages, one address space of entries
 * that appends fill. What an entry holds, and what a slot points at, is the table's business.
 */
abstract class PagedPartition {

    private final PageBudget pool;
    private final int pageSize;
    final int slotsPerPageShift;

    MemorySegment[] slots = new MemorySegment[0];
    int slotCount;
    /** Slots in use. */
    int used;

    List<MemorySegment> recordPages = new ArrayList<>();
    RandomAccessOutputView records;
    RandomAccessInputView reader;

    PagedPartition(PageBudget pool, int pageSize, int slotsPerPageShift) {
        this.pool = pool;
        this.pageSize = pageSize;
        this.slotsPerPageShift = slotsPerPageShift;
    }

    int pagesHeld() {
        return slots.length + recordPages.size();
    }

    /** Appends an entry's bytes; their position, or -1 (nothing written) when memory is short. */
    long appendEntry(ByteArrayOutputView bytes) throws IOException {
        if (records == null) {
            MemorySegment first = pool.poll();
            if (first == null) {
                return -1;
            }
            recordPages.add(first);
            records = new RandomAccessOutputView(recordPages, pool::poll);
            reader = new RandomAccessInputView(recordPages, 0);
        }
        long start = records.position();
        try {
            records.write(bytes.buffer(), 0, bytes.length());
        } catch (EOFException full) {
            records.seek(start);
            return -1;
        }
        reader.setEnd(records.position());
        return start;
    }

    /** Doubles the slot table (or creates it); false when the pages are not there. */
    boolean growSlots() {
        MemorySegment[] grown = Slots.grow(slots, pool, pageSize, slotsPerPageShift);
        if (grown == null) {
            return false;
        }
        slots = grown;
        slotCount = grown.length << slotsPerPageShift;
        return true;
    }

    /** Gives every page back to the budget: the partition is empty. */
    void releaseAll() {
        for (MemorySegment page : slots) {
            pool.add(page);
        }
        slots = new MemorySegment[0];
        slotCount = 0;
        used = 0;
        pool.addAll(recordPages);
        recordPages = new ArrayList<>();
        records = null;
        reader = null;
    }
}
