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
 * that appends fill — or, for entries of bounded length, only a slot table whose slots hold the
 * entries ({@link #inlineSlots}). What an entry holds, and what a slot points at, is the table's business.
 */
abstract class PagedPartition {

    /** Records looked up together by the tables that read ahead ({@link #readAhead}). */
    static final int BATCH = 32;

    private final PageBudget pool;
    private final int pageSize;
    /** Record page {@code position >>> pageShift} holds the entry at {@code position}. */
    private final int pageShift;
    /** Whether slots hold their entries (at {@link #INLINE_ENTRY} in the slot) instead of pointers. */
    final boolean inlineSlots;

    final int slotSize;
    private final int slotSizeShift;
    private final int hashOffset;
    private final int slotsPerPageShift;
    private final int slotInPage;

    /** Where an inline slot's entry starts. */
    static final int INLINE_ENTRY = 8;

    MemorySegment[] slots = new MemorySegment[0];
    int slotCount;
    /** Slots in use. */
    int used;

    List<MemorySegment> recordPages = new ArrayList<>();
    RandomAccessOutputView records;
    RandomAccessInputView reader;

    /** A partition whose slots point at entries in record pages. */
    PagedPartition(PageBudget pool, int pageSize) {
        this(pool, pageSize, -1);
    }

    /**
     * A partition whose slots hold entries of at most {@code inlineEntryBytes} bytes, or (when
     * negative) point at entries in record pages.
     */
    PagedPartition(PageBudget pool, int pageSize, int inlineEntryBytes) {
        this.pool = pool;
        this.pageSize = pageSize;
        this.pageShift = Integer.numberOfTrailingZeros(pageSize);
        this.inlineSlots = inlineEntryBytes >= 0;
        this.slotSize = inlineSlots ? Slots.inlineSlotSize(inlineEntryBytes) : Slots.SLOT;
        this.slotSizeShift = Integer.numberOfTrailingZeros(slotSize);
        this.hashOffset = inlineSlots ? 0 : 8;
        this.slotsPerPageShift = Slots.slotsPerPageShift(pageSize, slotSize);
        this.slotInPage = (1 << slotsPerPageShift) - 1;
    }

    /** The page of slot {@code slot}. */
    final MemorySegment slotPage(int slot) {
        return slots[slot >>> slotsPerPageShift];
    }

    /** Where slot {@code slot} starts in its page. */
    final int slotOffset(int slot) {
        return (slot & slotInPage) << slotSizeShift;
    }

    /**
     * The pointer (position + 1) in the slot a search for {@code hash} starts at, 0 when it is free
     * (for an inline slot: its first eight bytes): the first of the two reads a lookup makes, done
     * ahead for a batch of records ({@link #readAhead}).
     */
    final long firstSlot(int hash) {
        if (slotCount == 0) {
            return 0;
        }
        int slot = hash & (slotCount - 1);
        return slotPage(slot).getLong(slotOffset(slot));
    }

    /**
     * The first byte of the entry at {@code position}: the second read a lookup makes. Inline slots
     * have read their entry with the slot: then the position's low byte, read from nowhere.
     */
    final byte entryByte(long position) {
        if (inlineSlots) {
            return (byte) position;
        }
        return recordPage(position).get(recordOffset(position));
    }

    /** The record page of the entry at {@code position} (page sizes are powers of two). */
    final MemorySegment recordPage(long position) {
        return recordPages.get((int) (position >>> pageShift));
    }

    /** Where the entry at {@code position} starts in its record page. */
    final int recordOffset(long position) {
        return (int) position & (pageSize - 1);
    }

    /**
     * Reads, for each of {@code count} records, the slot its lookup starts at, then the entry that
     * slot points to, and returns a sum of what it read (to be kept, so that the reads stay). The
     * reads of one pass do not depend on each other, so for a table larger than the caches their
     * misses overlap, and the lookups that follow find the lines in cache.
     */
    static long readAhead(PagedPartition[] partitions, int[] hashes, long[] pointers, int count) {
        for (int i = 0; i < count; i++) {
            pointers[i] = partitions[i].firstSlot(hashes[i]);
        }
        long touched = 0;
        for (int i = 0; i < count; i++) {
            if (pointers[i] != 0) {
                touched += partitions[i].entryByte(pointers[i] - 1);
            }
        }
        return touched;
    }

    /** What {@link #forEachSlot} does with each used slot. */
    @FunctionalInterface
    interface SlotAction {
        void accept(long pointer, int hash) throws IOException;
    }

    /**
     * Calls {@code action} with the pointer (position + 1) and hash of every used slot (of a table
     * that keeps entries in record pages).
     */
    final void forEachSlot(SlotAction action) throws IOException {
        for (int slot = 0; slot < slotCount; slot++) {
            MemorySegment page = slotPage(slot);
            int offset = slotOffset(slot);
            long pointer = page.getLong(offset);
            if (pointer != 0) {
                action.accept(pointer, page.getInt(offset + 8));
            }
        }
    }

    /** What {@link #forEachInlineEntry} does with each used slot. */
    @FunctionalInterface
    interface InlineAction {
        void accept(MemorySegment page, int entryOffset, int entryEnd) throws IOException;
    }

    /** Calls {@code action} with where the entry of every used slot is (of a table of inline slots). */
    final void forEachInlineEntry(InlineAction action) throws IOException {
        for (int slot = 0; slot < slotCount; slot++) {
            MemorySegment page = slotPage(slot);
            int offset = slotOffset(slot);
            if (page.getLong(offset) != 0) {
                action.accept(page, offset + INLINE_ENTRY, offset + slotSize);
            }
        }
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
        MemorySegment[] grown = Slots.grow(slots, pool, pageSize, slotSize, hashOffset);
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
