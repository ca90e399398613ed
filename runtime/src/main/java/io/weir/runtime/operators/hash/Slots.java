package io.weir.runtime.operators.hash;

import io.weir.memory.MemorySegment;
import io.weir.runtime.operators.PageBudget;

/**
 * The slot table the hash tables of this package share: open addressing with linear probing over
 * pages of 16-byte slots, {@code [pointer + 1 (8 B, 0 = free)][hash (4 B)][unused (4 B)]}, the slot
 * count a power of two.
 */
final class Slots {

    static final int SLOT = 16;

    private Slots() {}

    /** log2 of the slots in a page of {@code pageSize} bytes (a power of two). */
    static int slotsPerPageShift(int pageSize) {
        return Integer.numberOfTrailingZeros(pageSize / SLOT);
    }

    /**
     * A table of twice the pages (one page when empty) holding every used slot of {@code slots}, which
     * go back to {@code pool}; {@code null} (nothing changed) when the pool lacks the pages.
     */
    static MemorySegment[] grow(MemorySegment[] slots, PageBudget pool, int pageSize) {
        int slotsPerPageShift = slotsPerPageShift(pageSize);
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
            int offset = (slot & inPage) * SLOT;
            long pointer = page.getLong(offset);
            if (pointer != 0) {
                int hash = page.getInt(offset + 8);
                for (int target = hash & mask; ; target = (target + 1) & mask) {
                    MemorySegment targetPage = grown[target >>> slotsPerPageShift];
                    int targetOffset = (target & inPage) * SLOT;
                    if (targetPage.getLong(targetOffset) == 0) {
                        targetPage.putLong(targetOffset, pointer);
                        targetPage.putInt(targetOffset + 8, hash);
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
