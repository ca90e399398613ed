package io.weir.runtime.operators.hash;

import io.weir.memory.MemorySegment;
import io.weir.runtime.operators.PageBudget;

/**
 * The slot table the hash tables of this package share: open addressing with linear probing over
 * pages of slots, the slot count a power of two. A slot points at its entry in record pages, {@code
 * [pointer + 1 (8 B, 0 = free)][hash (4 B)][unused (4 B)]} ({@link #SLOT} bytes), or holds an entry
 * of bounded length itself, {@code [hash (4 B)][1 (4 B), 0 = free][entry]} (a power of two of
 * bytes, {@link #inlineSlotSize}). Either way the first eight bytes are zero exactly when the slot is
 * free.
 */
final class Slots {

    static final int SLOT = 16;

    private Slots() {}

    /** The size of a slot holding an entry of at most {@code entryBytes} bytes: a power of two. */
    static int inlineSlotSize(int entryBytes) {
        return Math.max(SLOT, Integer.highestOneBit(8 + entryBytes - 1) << 1);
    }

    /** log2 of the slots of {@code slotSize} bytes in a page of {@code pageSize} bytes (powers of two). */
    static int slotsPerPageShift(int pageSize, int slotSize) {
        return Integer.numberOfTrailingZeros(pageSize / slotSize);
    }

    /**
     * A table of twice the pages (one page when empty) holding every used slot of {@code slots}, which
     * go back to {@code pool}; {@code null} (nothing changed) when the pool lacks the pages. A slot's
     * hash is at {@code hashOffset} in it.
     */
    static MemorySegment[] grow(MemorySegment[] slots, PageBudget pool, int pageSize, int slotSize, int hashOffset) {
        int slotsPerPageShift = slotsPerPageShift(pageSize, slotSize);
        int newPages = Math.max(1, slots.length * 2);
        if (pool.available() < newPages) {
            return null;
        }
        MemorySegment[] grown = new MemorySegment[newPages];
        for (int i = 0; i < newPages; i++) {
            grown[i] = pool.poll();
            grown[i].clear(0, pageSize);
        }
        int slotCount = slots.length << slotsPerPageShift;
        int mask = (newPages << slotsPerPageShift) - 1;
        int inPage = (1 << slotsPerPageShift) - 1;
        for (int slot = 0; slot < slotCount; slot++) {
            MemorySegment page = slots[slot >>> slotsPerPageShift];
            int offset = (slot & inPage) * slotSize;
            if (page.getLong(offset) != 0) {
                int hash = page.getInt(offset + hashOffset);
                for (int target = hash & mask; ; target = (target + 1) & mask) {
                    MemorySegment targetPage = grown[target >>> slotsPerPageShift];
                    int targetOffset = (target & inPage) * slotSize;
                    if (targetPage.getLong(targetOffset) == 0) {
                        page.copyTo(offset, targetPage, targetOffset, slotSize);
                        break;
                    }
                }
            }
        }
        for (MemorySegment old : slots) {
            pool.add(old);
        }
        return grown;
    }
}
